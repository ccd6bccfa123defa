import { startFrontSandbox, type FrontSandbox } from './sandbox';
import { apiClient, type Api, type ApiResponse } from './test-support/http-client';

type Item = { id: string; type?: string; emitted_at?: number; text?: string };

describe('Front sandbox Events API and pagination', () => {
  let sandbox: FrontSandbox;
  let api: Api;
  let clock: number;
  const tick = () => (clock += 1000);

  beforeAll(async () => {
    clock = 1_735_000_000_000;
    sandbox = await startFrontSandbox({ now: () => clock });
    api = apiClient(sandbox.url);
  });

  beforeEach(() => sandbox.control.reset());
  afterAll(() => sandbox.close());

  /** Every page of a list, following _pagination.next as given. */
  const walk = async (path: string) => {
    const pages: Item[][] = [];
    const nexts: (string | null)[] = [];
    let url: string | null = path;
    while (url) {
      const response: ApiResponse<{ _results: Item[]; _pagination: { next: string | null } }> = await api.get(url);
      expect(response.status).toBe(200);
      pages.push(response.body._results);
      url = response.body._pagination.next;
      nexts.push(url);
    }
    return { pages, nexts };
  };

  it('pages through messages newest first, with full next URLs that repeat the query', async () => {
    const { conversationId } = sandbox.control.customerMessage({ channel: 'chat', handle: 'v1', text: 'message 1' });
    for (let i = 2; i <= 7; i += 1) {
      tick();
      sandbox.control.customerMessage({ conversationId, handle: 'v1', text: `message ${i}` });
    }
    const { pages, nexts } = await walk(`/conversations/${conversationId}/messages?limit=3`);
    expect(pages.map((page) => page.map((m) => m.text))).toEqual([
      ['message 7', 'message 6', 'message 5'],
      ['message 4', 'message 3', 'message 2'],
      ['message 1'],
    ]);
    expect(nexts[0]).toMatch(new RegExp(`^${sandbox.url}/conversations/${conversationId}/messages\\?limit=3&page_token=\\w+`));
    expect(nexts[2]).toBeNull();
    const ascending = await walk(`/conversations/${conversationId}/messages?limit=4&sort_order=asc`);
    expect(ascending.pages.flat().map((m) => m.text)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `message ${i}`));
  });

  it('lists events newest first, at most 15 a page, across pages', async () => {
    for (let i = 0; i < 20; i += 1) {
      tick();
      sandbox.control.customerMessage({ channel: 'sms', handle: `+1555000${i}`, text: `hello ${i}` });
    }
    const first = await api.get('/events');
    expect(first.body._results).toHaveLength(15);
    expect((await api.get('/events?limit=100')).status).toBe(400);
    const { pages } = await walk('/events');
    const all = pages.flat();
    expect(pages.map((p) => p.length)).toEqual([15, 5]);
    expect(all.map((e) => e.emitted_at)).toEqual([...all.map((e) => e.emitted_at!)].sort((a, b) => b - a));
    expect(new Set(all.map((e) => e.id)).size).toBe(20);
    const oldestFirst = await api.get('/events?sort_order=asc&limit=2');
    expect(oldestFirst.body._results.map((e: Item) => e.id)).toEqual(['evt_1', 'evt_2']);
  });

  it('filters events by type in both q[types] forms, by time window and by inbox', async () => {
    const { conversationId } = sandbox.control.customerMessage({ channel: 'email', handle: 'a@example.com', text: 'first' });
    const start = clock / 1000;
    tick();
    sandbox.control.assign(conversationId, 'tea_bob');
    tick();
    await api.post(`/conversations/${conversationId}/comments`, { body: 'note' });
    tick();
    sandbox.control.archive(conversationId);
    tick();
    sandbox.control.customerMessage({ channel: 'chat', handle: 'visitor', text: 'chat' });

    const types = (path: string) => api.get(path).then((r) => r.body._results.map((e: Item) => e.type));
    expect(await types('/events?q[types]=assign&q[types]=comment')).toEqual(['comment', 'assign']);
    expect(await types('/events?q[types][]=assign&q[types][]=archive')).toEqual(['archive', 'assign']);
    expect(await types(`/events?q[after]=${start}&q[before]=${start + 2.5}`)).toEqual(['comment', 'assign']);
    expect(await types('/events?q[inboxes]=inb_chat')).toEqual(['inbound']);
    expect((await api.get('/events?q[types]=snoozed')).status).toBe(400);
    expect((await api.get('/events?q[after]=yesterday')).status).toBe(400);
  });

  it('paginates conversations and knowledge base articles the same way', async () => {
    for (let i = 0; i < 5; i += 1) {
      tick();
      sandbox.control.customerMessage({ channel: 'email', handle: `c${i}@example.com`, text: `question ${i}` });
    }
    const conversations = await walk('/conversations?limit=2');
    expect(conversations.pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(conversations.pages.flat().map((c) => c.id)).toEqual(['cnv_5', 'cnv_4', 'cnv_3', 'cnv_2', 'cnv_1']);
    const articles = await walk('/knowledge_bases/knb_help/articles?limit=3');
    expect(articles.pages.flat().map((a) => a.id)).toContain('kba_reset_password');
    expect(articles.pages.flat()).toHaveLength(7);
  });
});
