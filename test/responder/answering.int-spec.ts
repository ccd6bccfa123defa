import { ResponderWorld } from './responder-fixtures';

const PASSWORD_URL = 'https://knb_help.help.frontapp.com/en/articles/how-to-reset-your-password';

describe('answering reply requests with the embedded responder', () => {
  let world: ResponderWorld;

  beforeAll(async () => {
    world = await ResponderWorld.start('resp_answer');
  }, 60_000);

  afterAll(() => world?.stop());


  const tagNamed = (name: string) => world.sandbox.control.record().tagsCreated.find((tag) => tag.name === name)?.tagId;
  const conversation = (id: string) => world.frontGet(`/conversations/${id}`);

  it('answers a question the knowledge covers with one reply by the AI teammate citing the article, without archiving', async () => {
    const started = Date.now();
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?');
    const requestId = await world.requestReply(conversationId, messageId);
    const outcome = await world.outcomeOf(requestId);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(outcome.routingKey).toBe('ai.replied');
    expect(outcome.body).toMatchObject({ outcome: 'replied', answeredMessageIds: [messageId], messageUid: expect.any(String) });
    const trail = outcome.body.trail as Record<string, unknown>;
    expect(trail).toMatchObject({ responder: 'embedded', decision: 'replied', retrieved: expect.arrayContaining([expect.objectContaining({ articleId: 'kba_reset_password' })]) });
    expect(trail.steps).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'retrieve' }), expect.objectContaining({ name: 'post_reply' })]));
    // The reply's intent is confirmed with Front's message_uid by the statement that ends the request.
    const effects = await world.db.query(`SELECT effect, state, front_ref FROM responder.answer_effects WHERE org_id = $1 AND trigger_message_id = $2`, [world.orgId, messageId]);
    expect(effects).toEqual([{ effect: 'reply', state: 'done', front_ref: outcome.body.messageUid }]);

    const replies = world.repliesIn(conversationId);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ authorId: 'tea_ai', options: expect.objectContaining({ archive: false }) });
    expect(replies[0].body).toContain(PASSWORD_URL);
    expect(replies[0].body).toContain('Settings → Security → Reset password');
    expect(replies[0].body).toMatch(/^<p>Hi there,<\/p><p>/);
    // Front applies a reply's tags when it sends the queued message, a moment after accepting it.
    const tagged = async () => (await conversation(conversationId)).tags.some((tag: { id: string }) => tag.id === tagNamed('ai-handled'));
    const deadline = Date.now() + 5_000;
    while (!(await tagged()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await conversation(conversationId);
    expect(after.status).not.toBe('archived');
    expect(after.tags.map((tag: { id: string }) => tag.id)).toContain(tagNamed('ai-handled'));
    const [decision] = await world.db.query(`SELECT outcome, trail FROM responder.decisions WHERE org_id = $1 AND request_message_id = $2`, [world.orgId, requestId]);
    expect(decision.outcome).toBe('replied');
  });

  it.each([
    ['en', 'I want to talk to a human'],
    ['es', 'Quiero hablar con una persona, por favor'],
    ['fr', 'Je voudrais parler à un humain'],
    ['de', 'Ich möchte mit einem Menschen sprechen'],
    ['pt', 'Quero falar com um atendente'],
    ['nl', 'Kan ik met een medewerker spreken?'],
  ])('hands off when the customer asks for a human (%s)', async (_language, text) => {
    const { conversationId, messageId } = world.customerWrites(text);
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(outcome.routingKey).toBe('ai.handed-off');
    expect(outcome.body.reason).toBe('customer_asked_for_human');
    expect(world.repliesIn(conversationId)).toHaveLength(0);
    const comments = world.commentsIn(conversationId);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ authorId: 'tea_ai' });
    expect(comments[0].body).toContain('The customer asked to talk to a human.');
    expect(comments[0].body).toContain('Customer sentiment');
    const after = await conversation(conversationId);
    expect(after.assignee).toBeNull();
    expect(after.tags.map((tag: { id: string }) => tag.id)).toContain(tagNamed('ai-handoff'));
  });

  it('hands off when the knowledge does not cover the question', async () => {
    const { conversationId, messageId } = world.customerWrites('Do you sell gift cards for birthdays?');
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(outcome.body).toMatchObject({ outcome: 'handed-off', reason: 'no_knowledge' });
    expect(world.repliesIn(conversationId)).toHaveLength(0);
    expect(world.commentsIn(conversationId)[0].body).toContain('does not cover');
  });

  it('replies once when the same request is delivered twice, or requested twice under another id', async () => {
    const { conversationId, messageId } = world.customerWrites('How long does shipping take?');
    const requestId = await world.requestReply(conversationId, messageId);
    await world.requestReply(conversationId, messageId, { requestId });
    const second = await world.requestReply(conversationId, messageId);
    expect((await world.outcomeOf(requestId)).routingKey).toBe('ai.replied');
    expect((await world.outcomeOf(second)).body).toMatchObject({ outcome: 'skipped', reason: 'coalesced' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(world.repliesIn(conversationId)).toHaveLength(1);
    expect(world.capture.messages.filter((m) => m.body.messageId === `${requestId}:outcome`)).toHaveLength(1);
  });

  it('stays silent after a teammate replied in between (stale-reply guard)', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?');
    world.sandbox.control.teammateReply({ conversationId, teammateId: 'tea_alice', text: 'On it!' });
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(outcome.body).toMatchObject({ outcome: 'skipped', reason: 'teammate_replied' });
    expect(world.repliesIn(conversationId).filter((reply) => reply.authorId === 'tea_ai')).toHaveLength(0);
  });

  it('reads only the messages before composing and the whole conversation right before posting: four Front calls', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?');
    const before = world.sandbox.control.record().requests.length;
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(outcome.routingKey).toBe('ai.replied');
    const calls = world.sandbox.control
      .record()
      .requests.slice(before)
      .filter((request) => request.path.includes(conversationId))
      .map((request) => `${request.method} ${request.path.replace(conversationId, ':id').replace(/\?.*$/, '')}`);
    // The read before posting sends its two requests at once: their order is the network's.
    expect([calls[0], [...calls.slice(1, 3)].sort(), calls[3], calls.length]).toEqual([
      'GET /conversations/:id/messages',
      ['GET /conversations/:id', 'GET /conversations/:id/messages'],
      'POST /conversations/:id/messages',
      4,
    ]);
  });

  it('stays silent when the conversation was reassigned before the answer was posted', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?');
    world.sandbox.control.assign(conversationId, 'tea_alice');
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(outcome.body).toMatchObject({ outcome: 'skipped', reason: 'reassigned' });
    expect(world.repliesIn(conversationId)).toHaveLength(0);
  });

  it('answers two quick customer messages together, once', async () => {
    const first = world.customerWrites('Hi, I have a question about refunds.');
    const second = world.customerWrites('How long does a refund take to appear?', { conversationId: first.conversationId });
    const [a, b] = await Promise.all([
      world.requestReply(first.conversationId, first.messageId),
      world.requestReply(first.conversationId, second.messageId),
    ]);
    const outcomes = [await world.outcomeOf(a), await world.outcomeOf(b)].map((o) => o.body);
    const replied = outcomes.filter((o) => o.outcome === 'replied');
    expect(replied).toHaveLength(1);
    expect(replied[0].answeredMessageIds).toEqual([first.messageId, second.messageId]);
    expect(outcomes.find((o) => o.outcome !== 'replied')).toMatchObject({ outcome: 'skipped', reason: 'coalesced' });
    expect(world.repliesIn(first.conversationId)).toHaveLength(1);
  });

  it('skips a late request for an older message the reply to a newer one already answered', async () => {
    // The older message's webhook came after the newer one's: conversation-sync still asks for it.
    const older = world.customerWrites('Hi, I have a question about refunds.');
    const newer = world.customerWrites('How long does a refund take to appear?', { conversationId: older.conversationId });
    const replied = await world.outcomeOf(await world.requestReply(newer.conversationId, newer.messageId));
    expect(replied.body).toMatchObject({ outcome: 'replied', answeredMessageIds: [older.messageId, newer.messageId] });
    const late = await world.outcomeOf(await world.requestReply(older.conversationId, older.messageId));
    expect(late.body).toMatchObject({ outcome: 'skipped', reason: 'coalesced' });
    expect(world.repliesIn(older.conversationId)).toHaveLength(1);
  });

  it('writes SMS as plain text within 320 characters', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?', { channel: 'sms', handle: '+15555550100' });
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId, { channel: 'sms' }));
    expect(outcome.routingKey).toBe('ai.replied');
    const [reply] = world.repliesIn(conversationId);
    expect(reply.body.length).toBeLessThanOrEqual(320);
    expect(reply.body).not.toMatch(/<p>/);
    expect(reply.body).toContain(PASSWORD_URL);
  });

  it('archives the conversation when the customer confirms the answer solved it', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I turn on two-factor authentication?');
    expect((await world.outcomeOf(await world.requestReply(conversationId, messageId))).routingKey).toBe('ai.replied');
    await world.sandbox.control.idle();
    const thanks = world.customerWrites('Thanks, that worked!', { conversationId });
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, thanks.messageId));
    expect(outcome.body).toMatchObject({ outcome: 'resolved' });
    expect((await conversation(conversationId)).status).toBe('archived');
    expect(world.repliesIn(conversationId)).toHaveLength(1);
  });

  it('never posts a second reply after a crash between Front accepting the reply and the ack', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I delete my account?');
    // The earlier attempt recorded its intent, Front accepted the reply, then the process died before commit.
    await world.db.query(
      `INSERT INTO responder.answer_effects (org_id, conversation_id, trigger_message_id, effect, state, answered_message_ids)
       VALUES ($1, $2, $3, 'reply', 'intended', $4)`,
      [world.orgId, conversationId, messageId, [messageId]],
    );
    const posted = await fetch(`${world.sandbox.url}/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Earlier answer', author_id: 'tea_ai', options: { archive: false } }),
    });
    expect(posted.status).toBe(202);
    await world.sandbox.control.idle();
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(outcome.body).toMatchObject({ outcome: 'replied', answeredMessageIds: [messageId] });
    expect(outcome.body.trail).toMatchObject({ checks: expect.arrayContaining([expect.objectContaining({ name: 'reply_recovered' })]) });
    expect(world.repliesIn(conversationId)).toHaveLength(1);
    const [effect] = await world.db.query(`SELECT state FROM responder.answer_effects WHERE org_id = $1 AND trigger_message_id = $2`, [world.orgId, messageId]);
    expect(effect.state).toBe('done');
  });

  it('keeps one org from reading another org\'s decisions', async () => {
    const rows = await world.db.query(`SELECT count(*)::int AS n FROM responder.decisions WHERE org_id = $1`, ['org_someone_else']);
    expect(rows[0].n).toBe(0);
    const ours = await world.db.query(`SELECT count(*)::int AS n FROM responder.decisions WHERE org_id = $1`, [world.orgId]);
    expect(ours[0].n).toBeGreaterThan(0);
  });
});
