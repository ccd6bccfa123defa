import {
  FrontApiAccessMissingError,
  FrontBadRequestError,
  FrontDeadlineExceededError,
  FrontNotFoundError,
  FrontRateLimitedError,
  FrontScopeMissingError,
  FrontTokenInvalidError,
  FrontUnavailableError,
} from '../errors/front-errors';
import { frontError, scripted, startFakeFront, type FakeFront, type FakeReply } from '../test-support/fake-front-server';
import { FrontClient, type FrontClientOptions } from './front-client';

// How the client behaves when Front (a local fake over real HTTP) fails in each way it can.

const fast = { retryPolicy: { baseDelayMs: 20, maxDelayMs: 50 } };
const me: FakeReply = { body: { _links: { self: 'x/me' }, id: 'cmp_1', name: 'Acme' } };
const accepted: FakeReply = { status: 202, body: { status: 'accepted', message_uid: 'uid_1' } };
const replyInput = { body: 'Hi', authorId: 'tea_ai', archive: false };

let fake: FakeFront | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function clientFor(script: Record<string, FakeReply[]>, options: Partial<FrontClientOptions> = {}): Promise<FrontClient> {
  fake = await startFakeFront(scripted(script));
  return new FrontClient({ token: 'tok', baseUrl: fake.url, ...fast, ...options });
}
const count = (key: string): number => fake?.requests.filter((r) => `${r.method} ${r.path}` === key).length ?? 0;

describe('Front errors become typed errors, without retries', () => {
  it('401: FrontTokenInvalidError with Front\'s body', async () => {
    const client = await clientFor({ 'GET /me': [{ status: 401, body: frontError(401, 'Unauthenticated', 'JSON Web Token error') }] });
    const error = await client.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FrontTokenInvalidError);
    expect(error).toMatchObject({ code: 'token_invalid', status: 401, frontError: { title: 'Unauthenticated', message: 'JSON Web Token error' } });
    expect(count('GET /me')).toBe(1);
  });

  it('403 on /me: FrontApiAccessMissingError; 403 elsewhere: FrontScopeMissingError naming the scope', async () => {
    const client = await clientFor({ 'GET /me': [{ status: 403 }], 'GET /knowledge_bases': [{ status: 403, body: { _error: { message: 'Forbidden' } } }] });
    await expect(client.getMe()).rejects.toBeInstanceOf(FrontApiAccessMissingError);
    await expect(client.listKnowledgeBases()).rejects.toMatchObject({
      constructor: FrontScopeMissingError, code: 'token_scope_missing', requiredScope: 'knowledge_bases:read', frontError: { message: 'Forbidden' },
    });
  });

  it('404 and 400: FrontNotFoundError and FrontBadRequestError, sent once', async () => {
    const client = await clientFor({
      'GET /conversations/cnv_x': [{ status: 404, body: frontError(404, 'Not found', 'Unknown conversation ID cnv_x') }],
      'POST /company/tags': [{ status: 400, body: frontError(400, 'Bad request', 'Body did not satisfy requirements') }],
    });
    await expect(client.getConversation('cnv_x')).rejects.toBeInstanceOf(FrontNotFoundError);
    await expect(client.createCompanyTag('x')).rejects.toBeInstanceOf(FrontBadRequestError);
    expect(count('GET /conversations/cnv_x') + count('POST /company/tags')).toBe(2);
  });
});

describe('429', () => {
  it('waits retry-after (fractional seconds) and succeeds', async () => {
    const client = await clientFor({ 'GET /me': [{ status: 429, headers: { 'retry-after': '0.3' }, body: frontError(429, 'Too many requests', 'x') }, me] });
    const started = Date.now();
    await expect(client.getMe()).resolves.toMatchObject({ id: 'cmp_1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(count('GET /me')).toBe(2);
  });

  it('retries a burst (x-front-tier) 429 on a reply: Front refused it, so it was not sent', async () => {
    const client = await clientFor({
      'POST /conversations/cnv_1/messages': [{ status: 429, headers: { 'retry-after': '0', 'x-front-tier': '2', 'x-ratelimit-remaining': '40' } }, accepted],
    });
    await expect(client.reply('cnv_1', replyInput)).resolves.toEqual({ messageUid: 'uid_1' });
  });

  it('reads the wait from Front\'s message when retry-after is missing', async () => {
    const body = frontError(429, 'Too many requests', 'Rate limit exceeded for tier-2 route. Please retry in 341 milliseconds.');
    const client = await clientFor({ 'GET /me': [{ status: 429, body }, me] });
    const started = Date.now();
    await client.getMe();
    expect(Date.now() - started).toBeGreaterThanOrEqual(330);
  });

  it('gives up at once with FrontRateLimitedError when retry-after is past the deadline', async () => {
    const client = await clientFor({ 'GET /me': [{ status: 429, headers: { 'retry-after': '30' } }] });
    const started = Date.now();
    const error = await client.getMe({ deadlineMs: 2_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FrontRateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 30_000, status: 429 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('5xx and network failures', () => {
  it('retries a GET after a 503 and after a dropped connection', async () => {
    const client = await clientFor({ 'GET /me': [{ status: 503 }, { hangUp: true }, me] });
    await expect(client.getMe()).resolves.toMatchObject({ id: 'cmp_1' });
    expect(count('GET /me')).toBe(3);
  });

  it('does not resend a reply after a 500 or a dropped connection: FrontUnavailableError, maybe sent', async () => {
    const client = await clientFor({ 'POST /conversations/cnv_1/messages': [{ status: 500 }] , 'POST /conversations/cnv_2/messages': [{ hangUp: true }] });
    await expect(client.reply('cnv_1', replyInput)).rejects.toMatchObject({ constructor: FrontUnavailableError, ambiguous: true, code: 'front_unreachable' });
    await expect(client.reply('cnv_2', replyInput)).rejects.toMatchObject({ constructor: FrontUnavailableError, ambiguous: true });
    expect(count('POST /conversations/cnv_1/messages') + count('POST /conversations/cnv_2/messages')).toBe(2);
  });

  it('resends a reply after a 500 when the caller says it is safe to repeat', async () => {
    const client = await clientFor({ 'POST /conversations/cnv_1/messages': [{ status: 500 }, accepted] });
    await expect(client.reply('cnv_1', replyInput, { retry: 'safe-to-repeat' })).resolves.toEqual({ messageUid: 'uid_1' });
    expect(count('POST /conversations/cnv_1/messages')).toBe(2);
  });

  it('retries a reply whose connection was refused (nothing was sent), then reports Front unreachable', async () => {
    const closed = await startFakeFront(() => ({}));
    await closed.close();
    const client = new FrontClient({ token: 'tok', baseUrl: closed.url, ...fast, retryPolicy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10 } });
    const error = await client.reply('cnv_1', replyInput).catch((e: unknown) => e);
    expect(error).toMatchObject({ constructor: FrontUnavailableError, ambiguous: false, cause: { code: 'ECONNREFUSED' } });
  });

  it('gives up after maxAttempts on a persistent 5xx', async () => {
    const client = await clientFor({ 'GET /me': [{ status: 502 }] }, { retryPolicy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10 } });
    await expect(client.getMe()).rejects.toMatchObject({ constructor: FrontUnavailableError, status: 502 });
    expect(count('GET /me')).toBe(3);
  });
});

describe('timeouts and deadlines', () => {
  it('FrontDeadlineExceededError when Front is slower than the call deadline', async () => {
    const client = await clientFor({ 'GET /me': [{ ...me, delayMs: 3_000 }] });
    const started = Date.now();
    await expect(client.getMe({ deadlineMs: 300 })).rejects.toBeInstanceOf(FrontDeadlineExceededError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('retries a GET whose attempt timed out, within the deadline', async () => {
    const client = await clientFor({ 'GET /me': [{ ...me, delayMs: 1_000 }, me] });
    await expect(client.getMe({ timeoutMs: 150, deadlineMs: 3_000 })).resolves.toMatchObject({ id: 'cmp_1' });
  });

  it('does not resend a reply whose attempt timed out', async () => {
    const client = await clientFor({ 'POST /conversations/cnv_1/messages': [{ ...accepted, delayMs: 1_000 }] });
    await expect(client.reply('cnv_1', replyInput, { timeoutMs: 150, deadlineMs: 3_000 })).rejects.toMatchObject({
      constructor: FrontUnavailableError, ambiguous: true, cause: { code: 'ETIMEDOUT' },
    });
  });

  it('FrontDeadlineExceededError when backoff would outlast the deadline', async () => {
    const client = await clientFor({ 'GET /me': [{ status: 500 }] }, { retryPolicy: { maxAttempts: 10, baseDelayMs: 400, maxDelayMs: 400 } });
    await expect(client.getMe({ deadlineMs: 500 })).rejects.toBeInstanceOf(FrontDeadlineExceededError);
  });

  it('stops when the caller aborts', async () => {
    const client = await clientFor({ 'GET /me': [{ ...me, delayMs: 3_000 }] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    await expect(client.getMe({ signal: controller.signal })).rejects.toThrow('shutting down');
  });
});
