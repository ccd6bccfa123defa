import {
  FrontApiError,
  FrontConversationMergedError,
  FrontMessageNotYetProcessedError,
  FrontMessageSendFailedError,
} from '../errors/front-errors';
import { list, scripted, startFakeFront, type FakeFront, type FakeReply } from '../test-support/fake-front-server';
import { FrontClient } from './front-client';

const replyInput = { body: 'Hi', authorId: 'tea_ai', archive: false };
const merged = (location?: string): FakeReply => ({ status: 301, headers: location ? { location } : {} });

let fake: FakeFront | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function clientFor(script: Record<string, FakeReply[]>): Promise<FrontClient> {
  fake = await startFakeFront(scripted(script));
  return new FrontClient({ token: 'tok', baseUrl: fake.url, retryPolicy: { baseDelayMs: 10, maxDelayMs: 10 } });
}
const sent = (key: string): number => fake?.requests.filter((r) => `${r.method} ${r.path}` === key).length ?? 0;

describe('merged conversations (301)', () => {
  it('never replays a reply: FrontConversationMergedError with the id from Location', async () => {
    const client = await clientFor({
      'POST /conversations/cnv_1/messages': [merged('https://acme.api.frontapp.com/conversations/cnv_2/messages')],
      'POST /conversations/cnv_2/messages': [{ status: 202, body: { status: 'accepted', message_uid: 'u' } }],
    });
    const error = await client.reply('cnv_1', replyInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FrontConversationMergedError);
    expect(error).toMatchObject({ code: 'conversation_merged', conversationId: 'cnv_1', mergedIntoConversationId: 'cnv_2' });
    expect(sent('POST /conversations/cnv_1/messages')).toBe(1);
    expect(sent('POST /conversations/cnv_2/messages')).toBe(0);
  });

  it('finds the surviving conversation by re-reading when the 301 has no Location', async () => {
    const client = await clientFor({
      'POST /conversations/cnv_1/comments': [merged()],
      'GET /conversations/cnv_1': [{ body: { id: 'cnv_7', status: 'assigned' } }],
    });
    await expect(client.addComment('cnv_1', { body: 'note' })).rejects.toMatchObject({ mergedIntoConversationId: 'cnv_7' });
    expect(sent('POST /conversations/cnv_1/comments')).toBe(1);
  });

  it('reports an unknown survivor as null rather than guessing', async () => {
    const client = await clientFor({ 'PUT /conversations/cnv_1/assignee': [merged()], 'GET /conversations/cnv_1': [merged()] });
    await expect(client.setAssignee('cnv_1', null)).rejects.toMatchObject({ mergedIntoConversationId: null });
  });

  it('follows a merge on reads, to the same route of the surviving conversation', async () => {
    const client = await clientFor({
      'GET /conversations/cnv_1': [merged('/conversations/cnv_2')],
      'GET /conversations/cnv_2': [{ body: { id: 'cnv_2' } }],
      'GET /conversations/cnv_1/messages': [merged('/conversations/cnv_2')],
      'GET /conversations/cnv_2/messages': [{ body: list([{ id: 'msg_1' }]) }],
    });
    await expect(client.getConversation('cnv_1')).resolves.toEqual({ id: 'cnv_2' });
    await expect(client.listConversationMessages('cnv_1').all()).resolves.toEqual([{ id: 'msg_1' }]);
  });
});

describe('resolving a queued reply by its message_uid', () => {
  const found = { body: { id: 'msg_1', message_uid: 'uid_1', error_type: null, _links: { related: { conversation: 'x/conversations/cnv_1' } } } };

  it('polls /messages/alt:uid:<uid> through 404s until the message exists', async () => {
    const client = await clientFor({ 'GET /messages/alt:uid:uid_1': [{ status: 404 }, { status: 404 }, found] });
    const started = Date.now();
    await expect(client.resolveMessageUid('uid_1', { attempts: 3, delaysMs: [50, 100] })).resolves.toMatchObject({ id: 'msg_1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(sent('GET /messages/alt:uid:uid_1')).toBe(3);
  });

  it('throws FrontMessageSendFailedError when the message carries an error_type', async () => {
    const client = await clientFor({ 'GET /messages/alt:uid:uid_1': [{ body: { id: 'msg_1', error_type: 'smtp_rejected' } }] });
    await expect(client.resolveMessageUid('uid_1', { delaysMs: [1] })).rejects.toMatchObject({
      constructor: FrontMessageSendFailedError, code: 'message_send_failed', errorType: 'smtp_rejected', messageId: 'msg_1',
    });
  });

  it('throws FrontMessageNotYetProcessedError after the configured attempts', async () => {
    const client = await clientFor({ 'GET /messages/alt:uid:uid_1': [{ status: 404 }] });
    await expect(client.resolveMessageUid('uid_1', { attempts: 4, delaysMs: [1] })).rejects.toBeInstanceOf(FrontMessageNotYetProcessedError);
    expect(sent('GET /messages/alt:uid:uid_1')).toBe(4);
  });

  it('reports a 202 without message_uid as an unexpected response', async () => {
    const client = await clientFor({ 'POST /conversations/cnv_1/messages': [{ status: 202, body: { status: 'accepted' } }] });
    await expect(client.reply('cnv_1', replyInput)).rejects.toMatchObject({ constructor: FrontApiError, code: 'unexpected_response' });
  });
});
