import { startFrontSandbox, type FrontSandbox } from './sandbox';
import { apiClient, type Api } from './test-support/http-client';

describe('Front sandbox fault injection', () => {
  let sandbox: FrontSandbox;
  let api: Api;

  beforeAll(async () => {
    sandbox = await startFrontSandbox();
    api = apiClient(sandbox.url);
  });

  beforeEach(() => sandbox.control.reset());
  afterAll(() => sandbox.close());

  it('adds latency to matching routes only', async () => {
    sandbox.control.addFault({ path: '/me', latencyMs: 200 });
    const started = Date.now();
    await api.get('/me');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    const quick = Date.now();
    await api.get('/teammates');
    expect(Date.now() - quick).toBeLessThan(150);
  });

  it('answers a 5xx with Front error body the given number of times, then recovers', async () => {
    const { conversationId } = sandbox.control.customerMessage({ channel: 'sms', handle: '+33600000000', text: 'Where is my order?' });
    const fault = sandbox.control.addFault({ method: 'GET', path: '/conversations/{conversation_id}', status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await api.get(`/conversations/${conversationId}`)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await api.get('/me')).status).toBe(200);
    expect(sandbox.control.faults()).toEqual([expect.objectContaining({ id: fault.id, hits: 2 })]);
    expect(sandbox.control.record().counts.faultsInjected).toBe(2);
  });

  it('fails a given ratio of requests, the same way on every run', async () => {
    sandbox.control.addFault({ path: '/teammates', status: 500, ratio: 0.5 });
    const run = async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) statuses.push((await api.get('/teammates')).status);
      return statuses;
    };
    const first = await run();
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(8);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(8);
    sandbox.control.reset();
    sandbox.control.addFault({ path: '/teammates', status: 500, ratio: 0.5 });
    expect(await run()).toEqual(first);
  });

  it('drops the connection without an answer', async () => {
    sandbox.control.addFault({ path: '/me', drop: true, times: 1 });
    await expect(fetch(`${sandbox.url}/me`, { headers: { authorization: 'Bearer sandbox-token' } })).rejects.toThrow();
    expect((await api.get('/me')).status).toBe(200);
  });

  it('injects a burst of 429s with a fractional retry-after', async () => {
    sandbox.control.addFault({ path: '/events', status: 429, times: 2, retryAfterSeconds: 0.25, tier: 2 });
    const limited = await api.get('/events');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('0.25');
    expect(limited.headers.get('x-front-tier')).toBe('2');
    expect(limited.body).toEqual({
      _error: { status: 429, title: 'Too many requests', message: 'Rate limit exceeded for tier-2 route. Please retry in 250 milliseconds.' },
    });
    expect((await api.get('/events')).status).toBe(429);
    expect((await api.get('/events')).status).toBe(200);
    expect(sandbox.control.record().counts.rateLimited).toBe(2);
  });

  it('is switched per test through the HTTP control API', async () => {
    const control = apiClient(sandbox.url, null);
    const created = await control.post('/_sandbox/faults', { method: 'POST', path: '/conversations/*/messages', status: 500 });
    expect(created.status).toBe(201);
    expect((await control.get('/_sandbox/faults')).body).toEqual([expect.objectContaining({ id: created.body.id, status: 500 })]);
    const { conversationId } = sandbox.control.customerMessage({ channel: 'chat', handle: 'visitor-1', text: 'hello' });
    expect((await api.post(`/conversations/${conversationId}/messages`, { body: 'x' })).status).toBe(500);
    expect((await control.delete(`/_sandbox/faults/${created.body.id}`)).status).toBe(204);
    expect((await api.post(`/conversations/${conversationId}/messages`, { body: 'x' })).status).toBe(202);
    await sandbox.control.idle();
  });
});
