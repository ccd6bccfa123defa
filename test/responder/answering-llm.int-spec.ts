import { startFakeLlm, type FakeLlm } from '@front-agent/testing';
import { ResponderWorld, lastSystemPrompt } from './responder-fixtures';

const PASSWORD_URL = 'https://knb_help.help.frontapp.com/en/articles/how-to-reset-your-password';
const GUIDANCE = 'Always call the customer by their first name when you know it.';

describe('answering with an OpenAI-compatible LLM', () => {
  let world: ResponderWorld;
  let llm: FakeLlm;

  beforeAll(async () => {
    llm = await startFakeLlm();
    world = await ResponderWorld.start('resp_llm', { LLM_BASE_URL: llm.baseURL, LLM_MODEL: 'fake-llm', LLM_DEADLINE_MS: '2500' }, { guidance: [GUIDANCE] });
  }, 60_000);

  afterAll(async () => {
    await world?.stop();
    await llm?.close();
  });

  beforeEach(() => llm.reset());

  const systemPrompt = () => lastSystemPrompt(llm);

  it('sends the team guidance, the retrieved passages and a handoff tool, and replies citing the article', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?');
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(outcome.routingKey).toBe('ai.replied');
    expect(outcome.body.trail).toMatchObject({ responder: 'llm', model: 'fake-llm', llmAttempts: 1 });
    expect(llm.requests).toHaveLength(1);
    expect(systemPrompt()).toContain(GUIDANCE);
    expect(systemPrompt()).toContain(`<passage url="${PASSWORD_URL}"`);
    expect(systemPrompt()).not.toContain('Escalating refunds');
    expect(llm.requests[0].tools.map((tool) => tool.function.name)).toEqual(['handoff']);
    expect(llm.requests[0].messages[llm.requests[0].messages.length - 1]).toMatchObject({ role: 'user', content: 'How do I reset my password?' });
    const [reply] = world.repliesIn(conversationId);
    expect(reply).toMatchObject({ authorId: 'tea_ai', options: expect.objectContaining({ archive: false }) });
    expect(reply.body).toContain(`<a href="${PASSWORD_URL}">`);
  });

  it('hands off when the model calls its handoff tool', async () => {
    llm.enqueue({ toolCall: { name: 'handoff', arguments: { reason: 'The customer needs an account review.' } } });
    const { conversationId, messageId } = world.customerWrites('How do I delete my account?');
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(outcome.body).toMatchObject({ outcome: 'handed-off', reason: 'llm_handoff' });
    expect(world.repliesIn(conversationId)).toHaveLength(0);
    expect(world.commentsIn(conversationId)[0].body).toContain('The customer needs an account review.');
  });

  it('retries a 500 from the model and answers within the deadline', async () => {
    llm.enqueue({ status: 500 });
    const { conversationId, messageId } = world.customerWrites('How long does shipping take?');
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(outcome.routingKey).toBe('ai.replied');
    expect(outcome.body.trail).toMatchObject({ llmAttempts: 2 });
    expect(llm.requests).toHaveLength(2);
    expect(world.repliesIn(conversationId)).toHaveLength(1);
  });

  it('hands off when the model keeps failing past the deadline', async () => {
    llm.setFailureMode({ status: 503 });
    const started = Date.now();
    const { conversationId, messageId } = world.customerWrites('What is your refund policy?');
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(outcome.body).toMatchObject({ outcome: 'handed-off', reason: 'llm_unavailable' });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(llm.requests.length).toBeGreaterThan(1);
    expect(world.repliesIn(conversationId)).toHaveLength(0);
    expect(world.commentsIn(conversationId)).toHaveLength(1);
  });

  it('keeps answering many conversations while the model is slow: no database connection waits on it', async () => {
    llm.setLatency(1_000);
    const asked = Array.from({ length: 24 }, () => world.customerWrites('How do I reset my password?'));
    const requests = await Promise.all(asked.map(({ conversationId, messageId }) => world.requestReply(conversationId, messageId)));
    const outcomes = await Promise.all(requests.map((requestId) => world.outcomeOf(requestId)));
    expect(outcomes.map((outcome) => outcome.routingKey)).toEqual(requests.map(() => 'ai.replied'));
    // More answers waited on the model at once than ai-responder has database connections (16).
    expect(llm.mostConcurrent()).toBeGreaterThan(16);
    for (const { conversationId } of asked) expect(world.repliesIn(conversationId)).toHaveLength(1);
  });
});
