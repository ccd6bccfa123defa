import { startFrontSandbox, type FrontSandbox } from './sandbox';
import { apiClient, type Api } from './test-support/http-client';

describe('Front sandbox replies, comments and drafts', () => {
  let sandbox: FrontSandbox;
  let api: Api;

  beforeAll(async () => {
    sandbox = await startFrontSandbox();
    api = apiClient(sandbox.url);
  });

  beforeEach(() => sandbox.control.reset());
  afterAll(() => sandbox.close());

  const newConversation = (text = 'How do I reset my password?') =>
    sandbox.control.customerMessage({ channel: 'email', handle: 'jane@example.com', name: 'Jane Doe', text }).conversationId;

  it('accepts a reply with 202 and a message_uid that resolves only once processed', async () => {
    sandbox.control.updateSettings({ replyProcessingDelayMs: 150 });
    const conversationId = newConversation();
    const accepted = await api.post(`/conversations/${conversationId}/messages`, {
      body: '<p>Open Settings → Security → Reset password.</p>',
      author_id: 'tea_ai',
      options: { archive: false },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ status: 'accepted', message_uid: expect.stringMatching(/^[0-9a-f]{32}$/) });

    const early = await api.get(`/messages/alt:uid:${accepted.body.message_uid}`);
    expect(early.status).toBe(404);

    await sandbox.control.idle();
    const message = await api.get(`/messages/alt:uid:${accepted.body.message_uid}`);
    expect(message.status).toBe(200);
    expect(message.body).toMatchObject({
      message_uid: accepted.body.message_uid,
      is_inbound: false,
      error_type: null,
      author: { id: 'tea_ai' },
      text: 'Open Settings → Security → Reset password.',
      _links: { related: { conversation: `${sandbox.url}/conversations/${conversationId}` } },
    });
    expect(message.body.id).not.toBe(accepted.body.message_uid);
  });

  it('archives the conversation on reply unless options.archive is false', async () => {
    const archived = newConversation();
    const kept = newConversation('Second question');
    await api.post(`/conversations/${archived}/messages`, { body: 'Done', author_id: 'tea_ai' });
    await api.post(`/conversations/${kept}/messages`, { body: 'Working on it', author_id: 'tea_ai', options: { archive: false } });
    await sandbox.control.idle();

    expect((await api.get(`/conversations/${archived}`)).body.status).toBe('archived');
    expect((await api.get(`/conversations/${kept}`)).body.status).toBe('unassigned');
    const types = (await api.get(`/conversations/${archived}/events`)).body._results.map((e: { type: string }) => e.type);
    expect(types).toEqual(['archive', 'out_reply', 'inbound']);
  });

  it('adds options.tag_ids on reply and records what was posted', async () => {
    const conversationId = newConversation();
    await api.post(`/conversations/${conversationId}/messages`, {
      body: '<p>Hi</p>',
      text: 'Hi',
      author_id: 'tea_ai',
      options: { archive: false, tag_ids: ['tag_billing'] },
    });
    await sandbox.control.idle();
    const conversation = await api.get(`/conversations/${conversationId}`);
    expect(conversation.body.tags.map((t: { id: string }) => t.id)).toEqual(['tag_billing']);
    const [reply] = sandbox.control.record().replies;
    expect(reply).toMatchObject({ conversationId, authorId: 'tea_ai', body: '<p>Hi</p>', text: 'Hi', options: { archive: false, tag_ids: ['tag_billing'] } });
    expect(reply.messageId).toMatch(/^msg_/);
  });

  it('refuses a reply whose author is blocked or unknown with 400', async () => {
    const conversationId = newConversation();
    for (const author of ['tea_blocked', 'tea_nobody']) {
      const response = await api.post(`/conversations/${conversationId}/messages`, { body: 'x', author_id: author });
      expect(response.status).toBe(400);
      expect(response.body._error).toMatchObject({ status: 400, title: 'Bad request' });
    }
    expect(sandbox.control.record().replies).toEqual([]);
  });

  it('answers 403 to a signature_id on a non-email channel, as the spec documents', async () => {
    const { conversationId } = sandbox.control.customerMessage({ channel: 'sms', handle: '+15550001111', text: 'hi' });
    const response = await api.post(`/conversations/${conversationId}/messages`, { body: 'x', signature_id: 'sig_1' });
    expect(response.status).toBe(403);
  });

  it('posts comments as a teammate alias or, without author_id, as the API bot', async () => {
    const conversationId = newConversation();
    const byAlias = await api.post(`/conversations/${conversationId}/comments`, { body: 'Over to you', author_id: 'alt:email:alice.martin@sandbox-co.test' });
    const byToken = await api.post(`/conversations/${conversationId}/comments`, { body: 'Automated note' });
    expect(byAlias.status).toBe(201);
    expect(byAlias.body.author.id).toBe('tea_alice');
    expect(byToken.body.author).toMatchObject({ id: 'tea_api', type: 'api' });
    expect(sandbox.control.record().comments.map((c) => [c.authorId, c.body])).toEqual([
      ['tea_alice', 'Over to you'],
      ['tea_api', 'Automated note'],
    ]);
  });

  it('lets a teammate send or discard a draft the AI suggested', async () => {
    const conversationId = newConversation();
    const draft = await api.post(`/conversations/${conversationId}/drafts`, { body: '<p>Suggestion</p>', channel_id: 'cha_email', author_id: 'tea_ai' });
    expect(draft.body).toMatchObject({ draft_mode: 'private', is_draft: true, author: { id: 'tea_ai' } });
    expect((await api.get(`/conversations/${conversationId}/messages`)).body._results).toHaveLength(1);

    const sent = sandbox.control.sendDraft(draft.body.id, { teammateId: 'tea_alice', text: 'Edited suggestion' });
    const message = await api.get(`/messages/${sent.messageId}`);
    expect(message.body).toMatchObject({ draft_mode: null, author: { id: 'tea_alice' }, text: 'Edited suggestion' });
    const [latest] = (await api.get(`/conversations/${conversationId}/events`)).body._results;
    expect(latest).toMatchObject({ type: 'out_reply', source: { _meta: { type: 'teammate' }, data: { id: 'tea_alice' } } });

    const other = await api.post(`/conversations/${conversationId}/drafts`, { body: 'Another', channel_id: 'cha_email' });
    sandbox.control.discardDraft(other.body.id);
    expect((await api.get(`/conversations/${conversationId}/drafts`)).body._results).toEqual([]);
    expect(sandbox.control.record().drafts.map((d) => d.action)).toEqual(['created', 'sent', 'created', 'discarded']);
  });

  it('redirects with 301 from a merged conversation to the survivor', async () => {
    const merged = newConversation();
    const survivor = newConversation('Same customer again');
    sandbox.control.merge(merged, survivor);
    const response = await api.post(`/conversations/${merged}/messages`, { body: 'x' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`${sandbox.url}/conversations/${survivor}/messages`);
    expect(sandbox.control.record().replies).toEqual([]);
  });

  it('reports a failed send through error_type and a sending_error event', async () => {
    sandbox.control.updateSettings({ replyErrorType: 'smtp_error' });
    const conversationId = newConversation();
    const accepted = await api.post(`/conversations/${conversationId}/messages`, { body: 'x', author_id: 'tea_ai' });
    await sandbox.control.idle();
    expect((await api.get(`/messages/alt:uid:${accepted.body.message_uid}`)).body.error_type).toBe('smtp_error');
    expect((await api.get(`/conversations/${conversationId}`)).body.status).toBe('unassigned');
    expect((await api.get(`/conversations/${conversationId}/events`)).body._results[0].type).toBe('sending_error');
  });
});
