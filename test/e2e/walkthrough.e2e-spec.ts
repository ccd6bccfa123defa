import { startFakeLlm, type FakeLlm } from '@front-agent/testing';
import { SystemHarness } from '../support/system-harness';

type Mode = 'embedded responder' | 'OpenAI-compatible LLM';

/** The seed's walkthrough, through all four services and the sandbox, with each responder. */
describe.each<Mode>(['embedded responder', 'OpenAI-compatible LLM'])('the walkthrough with the %s', (mode) => {
  let system: SystemHarness;
  let llm: FakeLlm | undefined;
  let adminKey: string;
  const control = () => system.sandbox.control;
  const record = () => control().record();
  const repliesIn = (conversationId: string) => record().replies.filter((reply) => reply.conversationId === conversationId);

  beforeAll(async () => {
    system = await SystemHarness.start(mode === 'embedded responder' ? 'walk_embedded' : 'walk_llm');
    if (mode === 'OpenAI-compatible LLM') llm = await startFakeLlm();
    await system.startService('webhook-ingress');
    await system.startService('integration-settings');
    await system.startService('conversation-sync', { RECONCILE_INTERVAL_SECONDS: '0' });
    await system.startService('ai-responder', llm ? { LLM_BASE_URL: llm.baseURL, LLM_MODEL: 'fake-model', LLM_API_KEY: 'fake' } : {});
    ({ adminKey } = await system.createOrg());
    await system.connectFront(adminKey);
    await waitUntil(async () => (await system.api(adminKey, 'GET', '/v1/integrations/front/knowledge')).body?.sync?.state === 'succeeded', 30_000);
  }, 90_000);

  // Each service waits up to 10 s for its running handlers when it stops (one may be waiting for the
  // Front budget of the plan's 50 calls a minute, which this walkthrough nearly spends).
  afterAll(async () => {
    await system.stop();
    await llm?.close();
  }, 60_000);

  let passwordConversation: string;

  it('answers "How do I reset my password?" as the AI teammate, citing the article, within 5 s', async () => {
    const started = Date.now();
    passwordConversation = control().customerMessage({
      channel: 'email',
      handle: 'sam@customer.test',
      text: 'How do I reset my password?',
      assigneeId: 'tea_ai',
    }).conversationId;
    await waitUntil(() => repliesIn(passwordConversation).length > 0, 5_000);
    const elapsed = Date.now() - started;
    const [reply] = repliesIn(passwordConversation);
    expect(elapsed).toBeLessThan(5_000);
    expect(reply.authorId).toBe('tea_ai');
    expect(reply.options?.archive).toBe(false);
    expect(reply.body).toMatch(/how-to-reset-your-password/);
    expect(reply.body).toMatch(/Settings/);
    if (llm) expect(llm.requests.length).toBeGreaterThan(0);
  });

  it('hands over when the customer asks for a human: comment, ai-handoff tag, unassigned, no reply', async () => {
    control().customerMessage({ conversationId: passwordConversation, handle: 'sam@customer.test', text: 'I want to talk to a human' });
    await waitUntil(() => record().assigneeChanges.some((change) => change.conversationId === passwordConversation && change.to === null), 8_000);
    const snapshot = record();
    const comment = snapshot.comments.find((entry) => entry.conversationId === passwordConversation);
    expect(comment).toMatchObject({ authorId: 'tea_ai' });
    expect(comment!.body).toMatch(/human|person|handoff|hand/i);
    const handoffTag = snapshot.tagsCreated.find((tag) => tag.name === 'ai-handoff');
    expect(handoffTag).toBeDefined();
    expect(snapshot.tagChanges.some((change) => change.conversationId === passwordConversation && change.added.includes(handoffTag!.tagId))).toBe(true);
    expect(repliesIn(passwordConversation)).toHaveLength(1);
  });

  it('answers even when a rule\'s auto-reply (a bot) came first: not a takeover', async () => {
    const conversationId = control().customerMessage({ channel: 'email', handle: 'autoack@customer.test', text: 'How do I reset my password?', assigneeId: 'tea_ai' }).conversationId;
    control().teammateReply({ conversationId, teammateId: 'tea_api', text: 'We got your message and will answer shortly.' });
    await waitUntil(() => repliesIn(conversationId).some((reply) => reply.authorId === 'tea_ai'), 8_000);
    const [session] = (await system.api(adminKey, 'GET', `/v1/sessions?conversationId=${conversationId}`)).body.sessions;
    expect(session.status).toBe('open');
  });

  it('stays silent in a conversation where a teammate replied', async () => {
    const conversationId = control().customerMessage({ channel: 'chat', handle: 'visitor-42', text: 'Hi, how do I reset my password?', assigneeId: 'tea_ai' }).conversationId;
    await waitUntil(() => repliesIn(conversationId).length === 1, 8_000);
    control().teammateReply({ conversationId, teammateId: 'tea_alice', text: 'Alice here, I will take it from here.' });
    await pause(1_000);
    control().customerMessage({ conversationId, handle: 'visitor-42', text: 'Thanks Alice, and how do I reset my password on mobile?' });
    await pause(2_500);
    expect(repliesIn(conversationId)).toHaveLength(1);
    const [session] = (await system.api(adminKey, 'GET', `/v1/sessions?conversationId=${conversationId}`)).body.sessions;
    expect(session.status).toBe('human_active');
  });

  it('resolves the session when the conversation is archived', async () => {
    control().archive(passwordConversation);
    await waitUntil(async () => (await system.api(adminKey, 'GET', `/v1/sessions?conversationId=${passwordConversation}`)).body.sessions[0]?.status === 'resolved', 8_000);
  });

  it('is silent while "Enabled" is off', async () => {
    await system.api(adminKey, 'PATCH', '/v1/integrations/front', { enabled: false });
    await pause(500);
    const conversationId = control().customerMessage({ channel: 'email', handle: 'off@customer.test', text: 'How do I reset my password?', assigneeId: 'tea_ai' }).conversationId;
    await pause(2_500);
    expect(repliesIn(conversationId)).toHaveLength(0);
    await system.api(adminKey, 'PATCH', '/v1/integrations/front', { enabled: true });
    await pause(500);
  });

  it('answers a customer who waited once the conversation is assigned to the AI teammate', async () => {
    const conversationId = control().customerMessage({ channel: 'email', handle: 'waiting@customer.test', text: 'How do I reset my password?' }).conversationId;
    await pause(1_500);
    expect(repliesIn(conversationId)).toHaveLength(0);
    control().assign(conversationId, 'tea_ai');
    await waitUntil(() => repliesIn(conversationId).length === 1, 8_000);
    await pause(1_000);
    expect(repliesIn(conversationId)).toHaveLength(1);
    expect(repliesIn(conversationId)[0]).toMatchObject({ authorId: 'tea_ai' });
    expect(repliesIn(conversationId)[0].body).toMatch(/how-to-reset-your-password/);
  });

  it('answers the waiting customer when a teammate hands the conversation to the AI right after replying', async () => {
    const conversationId = control().customerMessage({ channel: 'chat', handle: 'handback-1', text: 'Hello?', assigneeId: 'tea_alice' }).conversationId;
    control().teammateReply({ conversationId, teammateId: 'tea_alice', text: 'Hi! Our assistant can help with that.' });
    await pause(50); // a reply in the very same millisecond as the customer's message counts as after it
    control().customerMessage({ conversationId, handle: 'handback-1', text: 'How do I reset my password?' });
    await pause(1_000);
    control().assign(conversationId, 'tea_ai');
    await waitUntil(() => repliesIn(conversationId).some((reply) => reply.authorId === 'tea_ai'), 8_000);
    await pause(1_000);
    const fromAi = repliesIn(conversationId).filter((reply) => reply.authorId === 'tea_ai');
    expect(fromAi).toHaveLength(1);
    expect(fromAi[0].body).toMatch(/how-to-reset-your-password/);
  });

  it('answers an unassigned conversation only with "Handle unassigned" on', async () => {
    const off = control().customerMessage({ channel: 'email', handle: 'nobody1@customer.test', text: 'How do I reset my password?' }).conversationId;
    await pause(2_500);
    expect(repliesIn(off)).toHaveLength(0);
    await system.api(adminKey, 'PATCH', '/v1/integrations/front', { handleUnassigned: true });
    await pause(500);
    const on = control().customerMessage({ channel: 'email', handle: 'nobody2@customer.test', text: 'How do I reset my password?' }).conversationId;
    await waitUntil(() => repliesIn(on).length === 1, 8_000);
  });
});

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await pause(50);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
