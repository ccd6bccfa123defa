import { SpecRequestValidator } from '../test-support/spec-request-validator';
import { list, startFakeFront, type FakeFront, type FakeReply, type RecordedRequest } from '../test-support/fake-front-server';
import { FrontClient } from './front-client';

// Every method of the client, sent over real HTTP to a recording fake, and every recorded request
// (method, path, query, body) checked against Front's official OpenAPI spec.

const message = (id: string) => ({ _links: { self: `x/messages/${id}` }, id, type: 'email', is_inbound: false, error_type: null, version: 'v1' });

function answer(request: RecordedRequest, fake: FakeFront): FakeReply {
  const key = `${request.method} ${request.path}`;
  const token = request.query.find(([name]) => name === 'page_token')?.[1];
  // Second pages are linked on another host name for the same server: the client must follow as given.
  const paged = (first: unknown[], second: unknown[]): FakeReply => ({
    body: token ? list(second) : list(first, `${fake.altUrl}${request.path}?${new URLSearchParams([...request.query, ['page_token', 'p2']])}`),
  });
  switch (key) {
    case 'GET /me': return { body: { _links: { self: 'x/me' }, id: 'cmp_1', name: 'Acme' } };
    case 'GET /teammates': return { body: list([{ id: 'tea_1' }, { id: 'tea_2' }]) };
    case 'GET /conversations': return paged([{ id: 'cnv_1' }], [{ id: 'cnv_2' }]);
    case 'GET /conversations/cnv_1': return { body: { id: 'cnv_1', status: 'unassigned' } };
    case 'GET /conversations/cnv_1/messages': return paged([message('msg_1')], [message('msg_2')]);
    case 'GET /messages/msg_1': return { body: message('msg_1') };
    case 'GET /messages/alt:uid:uid_1': return { body: message('msg_9') };
    case 'POST /conversations/cnv_1/messages': return { status: 202, body: { status: 'accepted', message_uid: 'uid_1' } };
    case 'POST /conversations/cnv_1/comments': return { status: 201, body: { id: 'com_1', body: 'hi' } };
    case 'POST /conversations/cnv_1/drafts': return { body: { ...message('msg_d'), draft_mode: 'shared' } };
    case 'PATCH /drafts/msg_d/': return { body: { ...message('msg_d'), version: 'v2' } };
    case 'GET /company/tags': return paged([{ id: 'tag_1' }], [{ id: 'tag_2' }]);
    case 'POST /company/tags': return { status: 201, body: { id: 'tag_3', name: 'ai-handled' } };
    case 'GET /conversations/cnv_1/inboxes': return { body: list([{ id: 'inb_1' }]) };
    case 'GET /channels': return { body: list([{ id: 'cha_1' }]) };
    case 'GET /knowledge_bases': return { body: list([{ id: 'knb_1', locales: ['en', 'fr'] }]) };
    case 'GET /knowledge_bases/knb_1/content':
    case 'GET /knowledge_bases/knb_1/locales/fr/content': return { body: { id: 'knb_1', name: 'Help' } };
    case 'GET /knowledge_bases/knb_1/categories': return paged([{ id: 'kbc_1' }], [{ id: 'kbc_2' }]);
    case 'GET /knowledge_base_categories/kbc_1/content':
    case 'GET /knowledge_base_categories/kbc_1/locales/fr/content': return { body: { id: 'kbc_1', name: 'Billing' } };
    case 'GET /knowledge_base_categories/kbc_1/articles': return { body: list([{ id: 'kba_1' }]) };
    case 'GET /knowledge_bases/knb_1/articles': return paged([{ id: 'kba_1' }], [{ id: 'kba_2' }]);
    case 'GET /knowledge_base_articles/kba_1/content':
    case 'GET /knowledge_base_articles/kba_1/locales/fr/content': return { body: { id: 'kba_1', content: '<p>Hi</p>' } };
    case 'GET /events': return paged([{ id: 'evt_2' }], [{ id: 'evt_1' }]);
    case 'GET /events/evt_1': return { body: { id: 'evt_1', type: 'inbound' } };
    case 'GET /conversations/cnv_1/events': return paged([{ id: 'evt_3' }], [{ id: 'evt_4' }]);
    default: return { status: 204 };
  }
}

describe('requests the client sends', () => {
  let fake: FakeFront;
  let client: FrontClient;
  const validator = new SpecRequestValidator();

  beforeAll(async () => {
    fake = await startFakeFront(answer);
    client = new FrontClient({ token: 'test-token', baseUrl: fake.url });
  });
  afterAll(() => fake.close());

  it('are all valid against the official spec, for every client method', async () => {
    await client.getMe();
    await client.listTeammates();
    expect((await client.listConversations({ statuses: ['unassigned'], limit: 1 }).all()).map((c) => c.id)).toEqual(['cnv_1', 'cnv_2']);
    await client.getConversation('cnv_1');
    expect((await client.listConversationMessages('cnv_1', { sortOrder: 'asc' }).all()).map((m) => m.id)).toEqual(['msg_1', 'msg_2']);
    await client.getMessage('msg_1');
    await client.resolveMessageUid('uid_1', { delaysMs: [1] });
    await client.reply('cnv_1', { body: '<p>Hello</p>', text: 'Hello', authorId: 'tea_ai', archive: false, tagIds: ['tag_1'], channelId: 'cha_1', subject: 'Re: hi', to: ['a@b.c'] });
    await client.reply('cnv_1', { body: 'Bye', authorId: 'tea_ai', archive: true });
    await client.addComment('cnv_1', { body: 'Handing over', authorId: 'tea_ai', isPinned: true });
    await client.addComment('cnv_1', { body: 'As the token' });
    await client.createDraft('cnv_1', { body: 'Draft', channelId: 'cha_1', authorId: 'tea_ai', mode: 'shared' });
    await client.updateDraft('msg_d', { body: 'Draft 2', channelId: 'cha_1', version: 'v1', authorId: 'tea_ai' });
    await client.deleteDraft('msg_d', 'v2');
    await client.setAssignee('cnv_1', 'tea_alice');
    await client.setAssignee('cnv_1', null);
    await client.addTags('cnv_1', ['tag_1']);
    await client.removeTags('cnv_1', ['tag_1']);
    await client.updateConversationStatus('cnv_1', 'archived');
    await client.updateConversationStatus('cnv_1', 'open');
    expect((await client.listCompanyTags()).map((t) => t.id)).toEqual(['tag_1', 'tag_2']);
    await client.createCompanyTag('ai-handled');
    await client.listConversationInboxes('cnv_1');
    await client.listChannels();
    await client.listKnowledgeBases();
    await client.getKnowledgeBaseContent('knb_1');
    await client.getKnowledgeBaseContent('knb_1', 'fr');
    expect(await client.listKnowledgeBaseCategories('knb_1')).toHaveLength(2);
    await client.getCategoryContent('kbc_1');
    await client.getCategoryContent('kbc_1', 'fr');
    await client.listCategoryArticles('kbc_1');
    expect(await client.listKnowledgeBaseArticles('knb_1')).toHaveLength(2);
    await client.getArticleContent('kba_1');
    await client.getArticleContent('kba_1', 'fr');
    const events = client.listEvents({ after: 1700000000.1234, before: 1700000600, types: ['inbound', 'out_reply'], inboxIds: ['inb_1'], sortOrder: 'asc' });
    expect((await events.all()).map((e) => e.id)).toEqual(['evt_2', 'evt_1']);
    await client.listEvents().all();
    await client.getEvent('evt_1');
    await client.listConversationEvents('cnv_1').all();

    const results = fake.requests.map((request) => ({ request: `${request.method} ${request.path}`, ...validator.validate(request) }));
    expect(results.filter((r) => r.errors.length > 0)).toEqual([]);
    const operations = new Set(results.map((r) => `${r.request.split(' ')[0]} ${r.template}`));
    expect(operations.size).toBe(32);
  });

  it('sends the reply options Front needs: archive always, as options.archive', () => {
    const replies = fake.requests.filter((r) => r.method === 'POST' && r.path === '/conversations/cnv_1/messages');
    expect(replies.map((r) => r.body)).toEqual([
      { body: '<p>Hello</p>', text: 'Hello', author_id: 'tea_ai', channel_id: 'cha_1', subject: 'Re: hi', to: ['a@b.c'], options: { archive: false, tag_ids: ['tag_1'] } },
      { body: 'Bye', author_id: 'tea_ai', options: { archive: true } },
    ]);
  });

  it('unassigns with an explicit null', () => {
    const assignments = fake.requests.filter((r) => r.path === '/conversations/cnv_1/assignee').map((r) => r.body);
    expect(assignments).toEqual([{ assignee_id: 'tea_alice' }, { assignee_id: null }]);
  });

  it('asks for events with q[...] filters, repeated types, and at most 15 per page', () => {
    const first = fake.requests.find((r) => r.path === '/events');
    expect(first?.query).toEqual([
      ['q[after]', '1700000000.123'],
      ['q[before]', '1700000600'],
      ['q[types]', 'inbound'],
      ['q[types]', 'out_reply'],
      ['q[inboxes]', 'inb_1'],
      ['limit', '15'],
      ['sort_by', 'created_at'],
      ['sort_order', 'asc'],
    ]);
    const nextPage = fake.requests.filter((r) => r.path === '/events')[1];
    expect(nextPage.headers.host).toMatch(/^localhost:/);
    expect(nextPage.query).toContainEqual(['page_token', 'p2']);
  });

  it('authenticates every request with the bearer token', () => {
    expect(fake.requests.every((r) => r.headers.authorization === 'Bearer test-token')).toBe(true);
  });
});
