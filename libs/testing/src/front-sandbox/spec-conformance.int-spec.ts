import OpenAPIBackend from 'openapi-backend';
import { loadPatchedFrontSpec, SPEC_DEFECTS } from './spec/spec-defects';
import { startFrontSandbox, type FrontSandbox } from './sandbox';
import { apiClient, type Api, type ApiResponse } from './test-support/http-client';

/**
 * Walks every route the sandbox serves, success and error cases, and checks
 * each answer against Front's OpenAPI document with an independent
 * openapi-backend validator (patched only by SPEC_DEFECTS).
 */
describe('Front sandbox conformance with the Core API spec', () => {
  let sandbox: FrontSandbox;
  let api: Api;
  let validator: OpenAPIBackend;
  const covered = new Set<string>();

  const expectConforms = (operationId: string, response: ApiResponse, status: number) => {
    covered.add(operationId);
    expect({ operationId, status: response.status, body: response.body }).toMatchObject({ operationId, status });
    if (status >= 400) {
      expect(response.body).toEqual({ _error: { status, title: expect.any(String), message: expect.any(String) } });
      return;
    }
    const result = validator.validator.validateResponse(response.status === 204 ? null : response.body, operationId, status);
    expect({ operationId, errors: result.errors ?? [] }).toEqual({ operationId, errors: [] });
  };

  beforeAll(async () => {
    validator = new OpenAPIBackend({ definition: loadPatchedFrontSpec() as never, quick: true, strict: false });
    await validator.init();
    sandbox = await startFrontSandbox();
    api = apiClient(sandbox.url);
  });

  afterAll(() => sandbox.close());

  it('lists its spec defects in one place, each with a reason', () => {
    expect(SPEC_DEFECTS.length).toBeGreaterThan(0);
    for (const defect of SPEC_DEFECTS) expect(defect.reason.length).toBeGreaterThan(20);
  });

  it('has a validator that rejects what the spec does not allow', () => {
    const missingFields = validator.validator.validateResponse({ id: 'cnv_1' }, 'get-conversation-by-id', 200);
    const wrongEnum = validator.validator.validateResponse({ id: 'evt_1', type: 'snooze' }, 'get-event', 200);
    expect(missingFields.valid).toBe(false);
    expect(wrongEnum.valid).toBe(false);
  });

  it('answers identity, teammate, inbox, channel and tag routes as the spec says', async () => {
    expectConforms('api-token-details', await api.get('/me'), 200);
    expectConforms('list-teammates', await api.get('/teammates'), 200);
    expectConforms('get-teammate', await api.get('/teammates/tea_alice'), 200);
    expectConforms('get-teammate', await api.get('/teammates/alt:email:bob.chen@sandbox-co.test'), 200);
    expectConforms('get-teammate', await api.get('/teammates/tea_nobody'), 404);
    expectConforms('list-inboxes', await api.get('/inboxes'), 200);
    expectConforms('list-channels', await api.get('/channels'), 200);
    expectConforms('list-company-tags', await api.get('/company/tags?limit=2'), 200);
    expectConforms('create-company-tag', await api.post('/company/tags', { name: 'ai-answered', highlight: 'blue' }), 201);
    expectConforms('create-company-tag', await api.post('/company/tags', { name: 'x'.repeat(65) }), 400);
    expectConforms('create-company-tag', await api.post('/company/tags', { highlight: 'blue' }), 400);
    expectConforms('create-company-tag', await api.post('/company/tags', { name: 'ok', highlight: 'neon' }), 400);
  });

  it('answers conversation, message, comment, draft, tag and event routes as the spec says', async () => {
    const { conversationId } = sandbox.control.customerMessage({ channel: 'email', handle: 'jane@example.com', name: 'Jane', text: 'Hi, how do I reset my password?' });
    const base = `/conversations/${conversationId}`;

    expectConforms('list-conversations', await api.get('/conversations?q[statuses]=unassigned&limit=10'), 200);
    expectConforms('get-conversation-by-id', await api.get(base), 200);
    expectConforms('get-conversation-by-id', await api.get('/conversations/cnv_missing'), 404);
    expectConforms('update-conversation', await api.patch(base, { status: 'open', tag_ids: ['tag_vip'] }), 204);
    expectConforms('update-conversation', await api.patch(base, { status: 'closed' }), 400);
    expectConforms('update-conversation', await api.patch(base, { archived: true }), 400);
    expectConforms('update-conversation-assignee', await api.put(`${base}/assignee`, { assignee_id: 'tea_bob' }), 204);
    expectConforms('update-conversation-assignee', await api.put(`${base}/assignee`, { assignee_id: null }), 204);
    expectConforms('update-conversation-assignee', await api.put(`${base}/assignee`, {}), 400);
    expectConforms('update-conversation-assignee', await api.put(`${base}/assignee`, { assignee_id: 'tea_blocked' }), 400);
    expectConforms('add-conversation-tag', await api.post(`${base}/tags`, { tag_ids: ['tag_billing'] }), 204);
    expectConforms('add-conversation-tag', await api.post(`${base}/tags`, { tag_ids: 'tag_billing' }), 400);
    expectConforms('remove-conversation-tag', await api.delete(`${base}/tags`, { tag_ids: ['tag_billing'] }), 204);
    expectConforms('list-conversation-inboxes', await api.get(`${base}/inboxes`), 200);

    const reply = await api.post(`${base}/messages`, { body: '<p>Open Settings</p>', author_id: 'tea_ai', options: { archive: false } });
    expectConforms('create-message-reply', reply, 202);
    expectConforms('create-message-reply', await api.post(`${base}/messages`, { text: 'no body' }), 400);
    expectConforms('create-message-reply', await api.post(`${base}/messages`, { body: 'x', options: { archive: 'no' } }), 400);
    expectConforms('create-message-reply', await api.post(`${base}/messages`, { body: 'x', author_id: 'tea_blocked' }), 400);
    expectConforms('create-message-reply', await api.post('/conversations/cnv_missing/messages', { body: 'x' }), 404);
    await sandbox.control.idle();
    expectConforms('get-message', await api.get(`/messages/alt:uid:${reply.body.message_uid}`), 200);
    expectConforms('get-message', await api.get('/messages/msg_1'), 200);
    expectConforms('get-message', await api.get('/messages/msg_missing'), 404);
    expectConforms('list-conversation-messages', await api.get(`${base}/messages?sort_order=asc&limit=1`), 200);
    expectConforms('list-conversation-messages', await api.get(`${base}/messages?limit=101`), 400);

    expectConforms('add-comment', await api.post(`${base}/comments`, { body: 'Handing over', author_id: 'alt:email:alice.martin@sandbox-co.test' }), 201);
    expectConforms('add-comment', await api.post(`${base}/comments`, { body: 'As the token' }), 201);
    expectConforms('add-comment', await api.post(`${base}/comments`, { author_id: 'tea_ai' }), 400);
    expectConforms('list-conversation-comments', await api.get(`${base}/comments`), 200);

    const draft = await api.post(`${base}/drafts`, { body: '<p>Suggested answer</p>', channel_id: 'cha_email', author_id: 'tea_ai', mode: 'shared' });
    expectConforms('create-draft-reply', draft, 200);
    expect(draft.body.draft_mode).toBe('shared');
    expectConforms('create-draft-reply', await api.post(`${base}/drafts`, { body: 'no channel' }), 400);
    expectConforms('list-conversation-drafts', await api.get(`${base}/drafts`), 200);
    const edited = await api.patch(`/drafts/${draft.body.id}/`, { body: '<p>Better</p>', channel_id: 'cha_email', version: draft.body.version });
    expectConforms('edit-draft', edited, 200);
    expectConforms('edit-draft', await api.patch(`/drafts/${draft.body.id}/`, { body: 'x', channel_id: 'cha_email', mode: 'private' }), 400);
    expectConforms('delete-draft', await api.delete(`/drafts/${draft.body.id}`, {}), 400);
    expectConforms('delete-draft', await api.delete(`/drafts/${draft.body.id}`, { version: edited.body.version }), 204);

    expectConforms('list-conversation-events', await api.get(`${base}/events`), 200);
    const events = await api.get('/events?limit=15');
    expectConforms('list-events', events, 200);
    expectConforms('list-events', await api.get('/events?limit=16'), 400);
    expectConforms('get-event', await api.get(`/events/${events.body._results[0].id}`), 200);
    expectConforms('get-event', await api.get('/events/evt_missing'), 404);

    expectConforms('receive-custom-messages', await api.post('/channels/cha_custom/incoming_messages', { sender: { handle: 'dev-42', name: 'Dev' }, body: 'Hello **there**' }), 202);
    expectConforms('receive-custom-messages', await api.post('/channels/cha_custom/incoming_messages', { body: 'no sender' }), 400);
    expectConforms('receive-custom-messages', await api.post('/channels/cha_email/incoming_messages', { sender: { handle: 'x' }, body: 'y' }), 400);
  });

  it('answers the knowledge base routes as the spec says', async () => {
    expectConforms('list-knowledge-bases', await api.get('/knowledge_bases'), 200);
    expectConforms('get-a-knowledge-base', await api.get('/knowledge_bases/knb_help'), 200);
    expectConforms('get-a-knowledge-base', await api.get('/knowledge_bases/knb_missing'), 404);
    expectConforms('get-a-knowledge-base-with-content-in-default-locale', await api.get('/knowledge_bases/knb_help/content'), 200);
    expectConforms('get-a-knowledge-base-with-content-in-specified-locale', await api.get('/knowledge_bases/knb_help/locales/fr/content'), 200);
    expectConforms('get-a-knowledge-base-with-content-in-specified-locale', await api.get('/knowledge_bases/knb_help/locales/de/content'), 404);
    expectConforms('list-categories-in-a-knowledge-base', await api.get('/knowledge_bases/knb_help/categories'), 200);
    expectConforms('list-articles-in-a-knowledge-base', await api.get('/knowledge_bases/knb_help/articles?limit=3'), 200);
    expectConforms('get-a-knowledge-base-article', await api.get('/knowledge_base_articles/kba_reset_password'), 200);
    expectConforms('get-knowledge-base-article-with-content-in-default-locale', await api.get('/knowledge_base_articles/kba_reset_password/content'), 200);
    expectConforms('get-knowledge-base-article-with-content-in-specified-locale', await api.get('/knowledge_base_articles/kba_reset_password/locales/fr/content'), 200);
    expectConforms('get-knowledge-base-article-with-content-in-default-locale', await api.get('/knowledge_base_articles/kba_missing/content'), 404);
    expectConforms('get-a-knowledge-base-category', await api.get('/knowledge_base_categories/kbc_account'), 200);
    expectConforms('get-knowledge-base-category-content-in-default-locale', await api.get('/knowledge_base_categories/kbc_account/content'), 200);
    expectConforms('get-knowledge-base-category-with-content-in-specified-locale', await api.get('/knowledge_base_categories/kbc_account/locales/fr/content'), 200);
    expectConforms('list-articles-in-a-category', await api.get('/knowledge_base_categories/kbc_account/articles'), 200);
  });

  it('walked every route and never answered outside the spec', async () => {
    await sandbox.control.idle();
    const routes = [
      'api-token-details', 'list-teammates', 'get-teammate', 'list-conversations', 'get-conversation-by-id',
      'update-conversation', 'list-conversation-messages', 'create-message-reply', 'get-message', 'add-comment',
      'list-conversation-comments', 'create-draft-reply', 'list-conversation-drafts', 'edit-draft', 'delete-draft',
      'update-conversation-assignee', 'add-conversation-tag', 'remove-conversation-tag', 'list-conversation-inboxes',
      'list-conversation-events', 'list-company-tags', 'create-company-tag', 'list-inboxes', 'list-channels',
      'receive-custom-messages', 'list-knowledge-bases', 'get-a-knowledge-base',
      'get-a-knowledge-base-with-content-in-default-locale', 'get-a-knowledge-base-with-content-in-specified-locale',
      'list-categories-in-a-knowledge-base', 'list-articles-in-a-knowledge-base', 'get-a-knowledge-base-article',
      'get-knowledge-base-article-with-content-in-default-locale', 'get-knowledge-base-article-with-content-in-specified-locale',
      'get-knowledge-base-category-content-in-default-locale', 'list-articles-in-a-category', 'list-events', 'get-event',
    ];
    expect(routes.filter((route) => !covered.has(route))).toEqual([]);
    expect(sandbox.control.violations()).toEqual([]);
  });
});
