import { startFrontSandbox, type FrontSandbox } from './sandbox';
import { apiClient } from './test-support/http-client';

describe('Front sandbox authentication and rate limits', () => {
  let sandbox: FrontSandbox;
  let clock: number;

  beforeAll(async () => {
    clock = Date.UTC(2025, 0, 6, 9, 0, 10);
    sandbox = await startFrontSandbox({ now: () => clock });
  });

  beforeEach(() => sandbox.control.reset());
  afterAll(() => sandbox.close());

  it('answers 401 "JSON Web Token error" to a missing, unknown or revoked token', async () => {
    for (const token of [null, 'not-a-token', 'sandbox-token-revoked']) {
      const response = await apiClient(sandbox.url, token).get('/me');
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ _error: { status: 401, title: 'Unauthenticated', message: 'JSON Web Token error' } });
    }
  });

  it('answers 403 on GET /me when the plan has no API access', async () => {
    const response = await apiClient(sandbox.url, 'sandbox-token-no-api').get('/me');
    expect(response.status).toBe(403);
    expect(response.body._error).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('answers 403 naming the scope a token lacks', async () => {
    const api = apiClient(sandbox.url, 'sandbox-token-no-kb');
    const kb = await api.get('/knowledge_bases');
    expect(kb.status).toBe(403);
    expect(kb.body._error.message).toContain('knowledge_bases:read');
    expect((await api.get('/conversations')).status).toBe(200);

    const { token } = sandbox.control.createToken({ scopes: ['teammates:read'] });
    const limited = apiClient(sandbox.url, token);
    expect((await limited.get('/teammates')).status).toBe(200);
    expect((await limited.get('/events')).body._error.message).toContain('events:*:read');
    sandbox.control.revokeToken(token);
    expect((await limited.get('/teammates')).status).toBe(401);
  });

  it('sends rate-limit headers on every response', async () => {
    const response = await apiClient(sandbox.url).get('/me');
    expect(response.headers.get('x-ratelimit-limit')).toBe('10000');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('9999');
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBe(Date.UTC(2025, 0, 6, 9, 1, 0) / 1000);
  });

  it('shares one per-minute budget across every token of the company and answers 429 with retry-after', async () => {
    sandbox.control.setRateLimit({ enabled: true, perMinute: 3 });
    const { token } = sandbox.control.createToken();
    const first = apiClient(sandbox.url);
    const second = apiClient(sandbox.url, token);
    expect((await first.get('/me')).headers.get('x-ratelimit-remaining')).toBe('2');
    expect((await second.get('/me')).headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await first.get('/me')).status).toBe(200);

    const limited = await second.get('/me');
    expect(limited.status).toBe(429);
    expect(limited.body._error).toMatchObject({ status: 429, title: 'Too many requests' });
    expect(limited.headers.get('retry-after')).toBe('50');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(sandbox.control.rateLimit().counts.rateLimited).toBe(1);

    clock += 50_000;
    expect((await first.get('/me')).status).toBe(200);
  });

  it('limits bursts per route and resource with x-front-tier 2 while the company budget remains', async () => {
    sandbox.control.setRateLimit({ burst: { enabled: true, perSecond: 2 } });
    const api = apiClient(sandbox.url);
    const one = sandbox.control.customerMessage({ channel: 'chat', handle: 'v1', text: 'first' }).conversationId;
    const two = sandbox.control.customerMessage({ channel: 'chat', handle: 'v2', text: 'second' }).conversationId;
    const reply = (id: string) => api.post(`/conversations/${id}/messages`, { body: 'hi', options: { archive: false } });
    expect((await reply(one)).status).toBe(202);
    expect((await reply(one)).status).toBe(202);
    const burst = await reply(one);
    expect(burst.status).toBe(429);
    expect(burst.headers.get('x-front-tier')).toBe('2');
    expect(Number(burst.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(burst.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    expect(burst.body._error.message).toMatch(/tier-2 route\. Please retry in \d+ milliseconds\./);
    expect((await reply(two)).status).toBe(202);
    clock += 1000;
    expect((await reply(one)).status).toBe(202);
    await sandbox.control.idle();
  });

  it('records every API request with its status', async () => {
    const api = apiClient(sandbox.url);
    await api.get('/me');
    await api.get('/conversations/cnv_missing');
    const { requests, counts } = sandbox.control.record();
    expect(requests.map((r) => [r.method, r.path, r.status, r.operationId])).toEqual([
      ['GET', '/me', 200, 'api-token-details'],
      ['GET', '/conversations/cnv_missing', 404, 'get-conversation-by-id'],
    ]);
    expect(counts.requests).toBe(2);
  });
});
