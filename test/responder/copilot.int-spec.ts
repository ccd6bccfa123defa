import { ResponderWorld } from './responder-fixtures';

describe('copilot mode: the AI writes drafts for teammates', () => {
  let world: ResponderWorld;

  beforeAll(async () => {
    world = await ResponderWorld.start('resp_copilot');
    await world.updateControls({ replyMode: 'autopilot', replyModeByChannel: { email: 'copilot' } });
  }, 60_000);

  afterAll(() => world?.stop());

  const draftsIn = (conversationId: string) => world.sandbox.control.record().drafts.filter((draft) => draft.conversationId === conversationId);

  it('creates a shared draft by the AI teammate instead of replying, and a newer customer message replaces it', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?');
    const first = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(first.routingKey).toBe('ai.drafted');
    expect(first.body).toMatchObject({ outcome: 'drafted', draftId: expect.any(String), answeredMessageIds: [messageId] });
    expect((first.body.trail as Record<string, unknown>).replyMode).toBe('copilot');
    expect(world.repliesIn(conversationId)).toHaveLength(0);
    const [created] = draftsIn(conversationId);
    expect(created).toMatchObject({ action: 'created', authorId: 'tea_ai' });
    const draft = await world.frontGet(`/messages/${first.body.draftId as string}`);
    expect(draft).toMatchObject({ draft_mode: 'shared', author: expect.objectContaining({ id: 'tea_ai' }) });
    expect(draft.body).toContain('Settings → Security → Reset password');

    const newer = world.customerWrites('Sorry, I meant: where do I reset my password?', { conversationId });
    const second = await world.outcomeOf(await world.requestReply(conversationId, newer.messageId));
    expect(second.body).toMatchObject({ outcome: 'drafted', answeredMessageIds: expect.arrayContaining([messageId, newer.messageId]) });
    expect((second.body.trail as Record<string, unknown>).draftsReplaced).toBe(1);
    expect(draftsIn(conversationId).map((d) => d.action)).toEqual(['created', 'deleted', 'created']);
    expect(world.repliesIn(conversationId)).toHaveLength(0);
  });

  it('keeps autopilot on channels without a copilot override (chat is an alias of web)', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?', { channel: 'chat', handle: 'visitor-1' });
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId, { channel: 'web' }));
    expect(outcome.routingKey).toBe('ai.replied');
    const view = await world.updateControls({ replyModeByChannel: { email: 'copilot', chat: 'copilot' } });
    expect(view.replyModeByChannel).toEqual({ email: 'copilot', web: 'copilot' });
    const again = world.customerWrites('How do I turn on two-factor authentication?', { channel: 'chat', handle: 'visitor-2' });
    const drafted = await world.outcomeOf(await world.requestReply(again.conversationId, again.messageId, { channel: 'web' }));
    expect(drafted.routingKey).toBe('ai.drafted');
  });
});
