// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { startFrontSandbox, type FrontSandbox } from '@front-agent/testing';
import { FrontClient } from './client/front-client';
import {
  FrontApiAccessMissingError,
  FrontConversationMergedError,
  FrontDeadlineExceededError,
  FrontScopeMissingError,
  FrontTokenInvalidError,
} from './errors/front-errors';

// The client against the team's Front sandbox (a stateful fake Front over HTTP that validates every
// request against the spec and rejects unknown body fields).

let sandbox: FrontSandbox;
let client: FrontClient;
const as = (token: string): FrontClient => new FrontClient({ token, baseUrl: sandbox.url, retryPolicy: { baseDelayMs: 20, maxDelayMs: 50 } });

beforeAll(async () => {
  sandbox = await startFrontSandbox({ seed: 'default' });
  client = as('sandbox-token');
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.control.clearFaults());

function customerWritesIn(text: string, conversationId?: string): string {
  return sandbox.control.customerMessage({ handle: 'pat@example.com', name: 'Pat', text, subject: 'Help', conversationId }).conversationId;
}

describe('the client against the Front sandbox', () => {
  it('identifies the company and lists its teammates', async () => {
    await expect(client.getMe()).resolves.toMatchObject({ id: 'cmp_sandbox' });
    const ids = (await client.listTeammates()).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['tea_ai', 'tea_alice', 'tea_bob']));
  });

  it('reads a conversation and pages through its messages', async () => {
    const conversationId = customerWritesIn('first');
    for (const text of ['second', 'third', 'fourth', 'fifth']) customerWritesIn(text, conversationId);
    await expect(client.getConversation(conversationId)).resolves.toMatchObject({ id: conversationId });
    const [firstPage] = await client.listConversations({ statuses: ['unassigned'], limit: 1 }).pages().next().then((r) => [r.value ?? []]);
    expect(firstPage).toHaveLength(1);
    const list = client.listConversationMessages(conversationId, { sortOrder: 'asc', pageSize: 2 });
    const pages: number[] = [];
    for await (const page of list.pages()) pages.push(page.length);
    expect(pages).toEqual([2, 2, 1]);
    const messages = await list.all();
    expect(messages.map((m) => m.text)).toEqual(['first', 'second', 'third', 'fourth', 'fifth']);
    await expect(client.getMessage(messages[0].id as string)).resolves.toMatchObject({ id: messages[0].id, is_inbound: true });
    const inboxes = await client.listConversationInboxes(conversationId);
    expect(inboxes.length).toBeGreaterThan(0);
    expect((await client.listChannels()).length).toBeGreaterThan(0);
  });

  it('replies without archiving, then finds the sent message by its uid', async () => {
    const conversationId = customerWritesIn('Where is my order?');
    const { messageUid } = await client.reply(conversationId, { body: '<p>On its way.</p>', authorId: 'tea_ai', archive: false });
    const message = await client.resolveMessageUid(messageUid, { delaysMs: [60, 100, 200] });
    expect(message).toMatchObject({ message_uid: messageUid, is_inbound: false, error_type: null });
    expect(sandbox.control.record().replies.at(-1)).toMatchObject({ conversationId, options: { archive: false } });
    expect((await client.getConversation(conversationId)).status).not.toBe('archived');
  });

  it('comments, drafts, assigns and unassigns, tags and changes status', async () => {
    const conversationId = customerWritesIn('Can a human call me?');
    await expect(client.addComment(conversationId, { body: 'Handing over', authorId: 'tea_ai' })).resolves.toMatchObject({ body: 'Handing over' });
    const channelId = sandbox.control.state().channels.email as string;
    const draft = await client.createDraft(conversationId, { body: 'Suggested answer', channelId, authorId: 'tea_ai' });
    const edited = await client.updateDraft(draft.id as string, { body: 'Better answer', channelId, version: draft.version as string, authorId: 'tea_ai' });
    await client.deleteDraft(edited.id as string, edited.version as string);
    expect(sandbox.control.record().drafts.map((d) => d.action)).toEqual(expect.arrayContaining(['created', 'edited', 'deleted']));

    await client.setAssignee(conversationId, 'tea_alice');
    expect((await client.getConversation(conversationId)).assignee?.id).toBe('tea_alice');
    await client.setAssignee(conversationId, null);
    expect((await client.getConversation(conversationId)).assignee ?? null).toBeNull();

    const tag = await client.createCompanyTag(`ai-handled-${Date.now()}`);
    expect((await client.listCompanyTags()).map((t) => t.id)).toContain(tag.id);
    await client.addTags(conversationId, [tag.id]);
    expect((await client.getConversation(conversationId)).tags?.map((t) => t.id)).toContain(tag.id);
    await client.removeTags(conversationId, [tag.id]);
    expect((await client.getConversation(conversationId)).tags?.map((t) => t.id)).not.toContain(tag.id);

    await client.updateConversationStatus(conversationId, 'archived');
    expect((await client.getConversation(conversationId)).status).toBe('archived');
    await client.updateConversationStatus(conversationId, 'open');
    expect((await client.getConversation(conversationId)).status).not.toBe('archived');
  });

  it('syncs every knowledge-base article in every locale', async () => {
    const articles: Array<{ id: string; locale: string; name: string; content: string }> = [];
    for (const kb of await client.listKnowledgeBases({ priority: 'background' })) {
      for (const locale of kb.locales ?? []) {
        await expect(client.getKnowledgeBaseContent(kb.id, locale, { priority: 'background' })).resolves.toMatchObject({ id: kb.id });
      }
      for (const category of await client.listKnowledgeBaseCategories(kb.id, { priority: 'background' })) {
        await expect(client.getCategoryContent(category.id, undefined, { priority: 'background' })).resolves.toMatchObject({ id: category.id });
        await client.listCategoryArticles(category.id, { priority: 'background' });
      }
      for (const slim of await client.listKnowledgeBaseArticles(kb.id, { priority: 'background' })) {
        for (const locale of slim.locales ?? []) {
          const full = await client.getArticleContent(slim.id, locale, { priority: 'background' });
          articles.push({ id: full.id, locale: full.locale, name: full.name, content: full.content });
        }
      }
    }
    const seeded = sandbox.control.state().knowledgeBases.flatMap((kb) => kb.articles.flatMap((a) => a.locales.map((l) => `${a.id}/${l}`)));
    expect(articles.map((a) => `${a.id}/${a.locale}`).sort()).toEqual(seeded.sort());
    expect(articles.every((a) => a.name && a.content)).toBe(true);
    await expect(client.getArticleContent('kba_reset_password')).resolves.toMatchObject({ id: 'kba_reset_password' });
  });

  it('pages through events 15 at a time, filtered by type, and reads single and per-conversation events', async () => {
    const since = Date.now() / 1000 - 1;
    const conversationId = customerWritesIn('event 0');
    for (let i = 1; i < 20; i += 1) customerWritesIn(`event ${i}`, conversationId);
    const pages: number[] = [];
    for await (const page of client.listEvents({ after: since, types: ['inbound'], sortOrder: 'asc' }).pages()) pages.push(page.length);
    expect(pages[0]).toBe(15);
    expect(pages.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20);
    const [first] = await client.listEvents({ types: ['inbound'] }).pages().next().then((r) => r.value ?? []);
    await expect(client.getEvent(first.id as string)).resolves.toMatchObject({ id: first.id, type: 'inbound' });
    expect((await client.listConversationEvents(conversationId).all()).length).toBeGreaterThanOrEqual(20);
  });

  it('names auth failures: revoked token, no API access, missing knowledge-base scope', async () => {
    await expect(as('sandbox-token-revoked').getMe()).rejects.toBeInstanceOf(FrontTokenInvalidError);
    await expect(as('sandbox-token-no-api').getMe()).rejects.toBeInstanceOf(FrontApiAccessMissingError);
    await expect(as('sandbox-token-no-kb').listKnowledgeBases()).rejects.toMatchObject({
      constructor: FrontScopeMissingError, requiredScope: 'knowledge_bases:read',
    });
    await expect(as('sandbox-token-no-kb').getMe()).resolves.toMatchObject({ id: 'cmp_sandbox' });
  });

  it('gives up with FrontDeadlineExceededError when Front is slower than the deadline', async () => {
    sandbox.control.addFault({ method: 'GET', path: '/me', latencyMs: 1_000, times: 1 });
    const started = Date.now();
    await expect(client.getMe({ deadlineMs: 300 })).rejects.toBeInstanceOf(FrontDeadlineExceededError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('waits out a 429 and succeeds', async () => {
    sandbox.control.addFault({ method: 'GET', path: '/teammates', status: 429, retryAfterSeconds: 0.4, times: 1 });
    const started = Date.now();
    await expect(client.listTeammates()).resolves.not.toHaveLength(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('retries a 5xx and a dropped connection on reads and succeeds', async () => {
    sandbox.control.addFault({ method: 'GET', path: '/me', status: 503, times: 1 });
    sandbox.control.addFault({ method: 'GET', path: '/channels', drop: true, times: 1 });
    await expect(client.getMe()).resolves.toMatchObject({ id: 'cmp_sandbox' });
    await expect(client.listChannels()).resolves.not.toHaveLength(0);
  });

  it('does not resend a reply after a 5xx', async () => {
    const conversationId = customerWritesIn('Refund please');
    const before = sandbox.control.record().counts.requests;
    sandbox.control.addFault({ method: 'POST', path: '/conversations/{id}/messages', status: 502, times: 1 });
    await expect(client.reply(conversationId, { body: 'Done', authorId: 'tea_ai', archive: false })).rejects.toMatchObject({ code: 'front_unreachable', ambiguous: true });
    expect(sandbox.control.record().counts.requests - before).toBe(1);
  });

  it('surfaces a merge instead of replaying a reply, and follows it on reads', async () => {
    const from = customerWritesIn('I wrote twice');
    const into = sandbox.control.customerMessage({ handle: 'other@example.com', text: 'Second thread', subject: 'Other' }).conversationId;
    sandbox.control.merge(from, into);
    const repliesBefore = sandbox.control.record().replies.length;
    await expect(client.reply(from, { body: 'Hi', authorId: 'tea_ai', archive: false })).rejects.toMatchObject({
      constructor: FrontConversationMergedError, mergedIntoConversationId: into,
    });
    expect(sandbox.control.record().replies.length).toBe(repliesBefore);
    await expect(client.getConversation(from)).resolves.toMatchObject({ id: into });
  });

  it('sent nothing the sandbox found outside the spec', () => {
    expect(sandbox.control.violations()).toEqual([]);
    expect(sandbox.control.record().counts.byStatus['400'] ?? 0).toBe(0);
  });
});
