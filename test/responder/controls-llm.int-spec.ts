import { startFakeLlm, type FakeLlm } from '@front-agent/testing';
import { ResponderWorld, lastSystemPrompt } from './responder-fixtures';

const PASSWORD_URL = 'https://knb_help.help.frontapp.com/en/articles/how-to-reset-your-password';
const GUIDANCE = 'Always thank the customer for their patience.';

describe('the team controls with an LLM', () => {
  let world: ResponderWorld;
  let llm: FakeLlm;

  beforeAll(async () => {
    llm = await startFakeLlm();
    world = await ResponderWorld.start('resp_ctl_llm', { LLM_BASE_URL: llm.baseURL, LLM_MODEL: 'fake-llm', LLM_DEADLINE_MS: '2500' });
    await world.updateControls({
      guidance: [GUIDANCE],
      restrictedTopics: [{ name: 'legal', description: 'Lawsuits, lawyers and legal threats', examples: ['I will sue you', 'talk to my lawyer'] }],
      allowedLinkDomains: ['status.sandbox-co.test'],
    });
  }, 60_000);

  afterAll(async () => {
    await world?.stop();
    await llm?.close();
  });

  beforeEach(() => llm.reset());

  const systemPrompt = () => lastSystemPrompt(llm);

  const ask = async (text: string, channel: 'email' | 'sms' = 'email') => {
    const { conversationId, messageId } = world.customerWrites(text, { channel: channel === 'sms' ? 'sms' : 'email', handle: channel === 'sms' ? '+15550100' : undefined });
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId, { channel }));
    return { conversationId, outcome, trail: outcome.body.trail as Record<string, unknown> };
  };

  it('puts the guidance in the prompt and names its version on the decision trail', async () => {
    const { outcome, trail } = await ask('How do I reset my password?');
    expect(outcome.routingKey).toBe('ai.replied');
    expect(systemPrompt()).toContain(GUIDANCE);
    expect(trail.guidance).toEqual({ version: 1, entries: 1 });
    await world.updateControls({ guidance: [GUIDANCE, 'Never promise a delivery date.'] });
    const second = await ask('How do I reset my password again?');
    expect(systemPrompt()).toContain('Never promise a delivery date.');
    expect(second.trail.guidance).toEqual({ version: 2, entries: 2 });
  });

  it('hands a restricted topic off without asking the model when its examples match', async () => {
    const { conversationId, outcome } = await ask('My password reset failed again, I will sue you!');
    expect(outcome.body).toMatchObject({ outcome: 'handed-off', reason: 'restricted_topic:legal' });
    expect(llm.requests).toHaveLength(0);
    expect(world.repliesIn(conversationId)).toHaveLength(0);
    expect(world.commentsIn(conversationId)[0].body).toContain('restricted topic: legal');
  });

  it('hands a restricted topic off when the model recognises it, which keywords alone would miss', async () => {
    llm.enqueue({ toolCall: { name: 'restricted_topic', arguments: { topic: 'legal' } } });
    const { conversationId, outcome } = await ask('How do I reset my password before my court hearing?');
    expect(outcome.body).toMatchObject({ outcome: 'handed-off', reason: 'restricted_topic:legal' });
    expect(llm.requests[0].tools.map((tool) => tool.function.name)).toEqual(['handoff', 'restricted_topic']);
    expect(systemPrompt()).toContain('- legal: Lawsuits, lawyers and legal threats');
    expect(world.repliesIn(conversationId)).toHaveLength(0);
  });

  it('asks the model to answer in the team language when the customer language is not allowed and the admin chose that fallback', async () => {
    await world.updateControls({ languages: { allowed: ['en'], teamLanguage: 'en', fallback: 'team_language' } });
    llm.enqueue({ content: `Open Settings → Security → Reset password.\n${PASSWORD_URL}` });
    const { outcome, trail } = await ask('Hoe password reset ik?');
    await world.updateControls({ languages: { allowed: null, teamLanguage: 'en', fallback: 'handoff' } });
    expect(outcome.routingKey).toBe('ai.replied');
    expect(trail.language).toMatchObject({ customer: 'nl', answer: 'en', fallback: true });
    expect(systemPrompt()).toContain('Answer in English.');
  });

  it.each([
    ['internal_text', 'What is your refund policy?', 'email',
      'Refunds above $500 need approval from a team lead, so tag the conversation billing and assign it to Alice Martin.'],
    ['link', 'How do I reset my password?', 'email', `Reset it at https://phishing.example.net/reset right away.\n${PASSWORD_URL}`],
    ['length', 'How do I reset my password?', 'sms', `${'Open Settings, then Security, then Reset password and follow the steps. '.repeat(7)}`],
    ['empty', 'How do I reset my password?', 'email', PASSWORD_URL],
    ['template_syntax', 'How do I reset my password?', 'email', 'Hi {{customer.first_name}}, open Settings → Security → Reset password.'],
    ['template_syntax', 'How do I reset my password?', 'email', '<tool_call>{"name": "handoff", "arguments": {}}</tool_call>'],
  ])('rejects an answer that fails the %s check and hands off instead', async (check, question, channel, content) => {
    llm.enqueue({ content });
    const { conversationId, outcome, trail } = await ask(question, channel as 'email' | 'sms');
    expect(outcome.body).toMatchObject({ outcome: 'handed-off', reason: `output_check_failed:${check}` });
    expect(world.repliesIn(conversationId)).toHaveLength(0);
    expect(trail.checks).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'output_checks', passed: false })]));
    expect(trail.rejectedText).toEqual(expect.any(String));
    expect(world.commentsIn(conversationId)[0].body).toContain(`output check (${check})`);
  });

  it('lets a link to a domain the admin allowed through', async () => {
    llm.enqueue({ content: `Open Settings → Security → Reset password. Current status: https://status.sandbox-co.test/incidents\n${PASSWORD_URL}` });
    const { conversationId, outcome } = await ask('How do I reset my password?');
    expect(outcome.routingKey).toBe('ai.replied');
    expect(world.repliesIn(conversationId)[0].body).toContain('https://status.sandbox-co.test/incidents');
  });
});
