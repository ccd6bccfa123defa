import { signApplicationWebhook, signRuleWebhook } from '@front-agent/front-client';
import { startIngressSystem } from './ingress-harness';

/** Deterministic pseudo-random numbers, so a failing case can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const MALFORMED_BODIES: Array<(random: () => number) => string | Buffer> = [
  (random) => Buffer.from(Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256))),
  (random) => JSON.stringify({ type: 'inbound_received', payload: { type: 'inbound' } }).slice(0, Math.floor(random() * 40)),
  () => 'null',
  () => '"just a string"',
  (random) => String(random()),
  () => JSON.stringify({ type: 'inbound_received', authorization: { id: 'cmp_sandbox' }, payload: 'not an object' }),
  () => JSON.stringify({ type: 'inbound_received', authorization: { id: 'cmp_sandbox' }, payload: { id: 42, type: 'inbound' } }),
  () => JSON.stringify({ type: 'inbound_received', authorization: { id: 'cmp_sandbox' }, payload: { type: 'inbound' } }),
  () => JSON.stringify({ type: 'inbound_received', authorization: { id: 'cmp_sandbox' }, payload: { id: ['evt'], type: { x: 1 } } }),
  () => JSON.stringify({ authorization: null, payload: null }),
  (random) => '['.repeat(Math.floor(random() * 5000)),
  () => '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
  () => JSON.stringify({ id: 7, type: 'inbound', emitted_at: 'yesterday', conversation: [] }),
  () => '\u0000\u0001\ufffd{"type":"sync"}',
  () => JSON.stringify({ type: 'inbound_received', payload: { id: 'evt_1', type: 'inbound', conversation: 'cnv' } }).replace('}', ''),
];

type HeaderSet = (random: () => number, body: Buffer, secrets: { appSecret: string; companyApiSecret: string }) => Record<string, string>;

const HEADER_SETS: HeaderSet[] = [
  () => ({ 'content-type': 'application/json' }),
  (_random, body, secrets) => ({ 'content-type': 'application/json', ...signApplicationWebhook({ rawBody: body, secret: secrets.appSecret }) }),
  (_random, body, secrets) => ({ 'content-type': 'application/json', ...signRuleWebhook({ rawBody: body, secret: secrets.companyApiSecret }) }),
  (random) => ({ 'content-type': 'application/json', 'x-front-signature': Buffer.from(String(random())).toString('base64'), 'x-front-request-timestamp': String(Date.now()) }),
  (random) => ({ 'content-type': 'application/json', 'x-front-request-timestamp': String(Math.floor(random() * 1e15)), 'x-front-signature': '' }),
  (random) => ({ 'content-type': ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/jsonx'][Math.floor(random() * 4)] }),
  (_random, body, secrets) => ({ 'content-type': 'application/json; charset=utf-8', ...signApplicationWebhook({ rawBody: body, secret: secrets.appSecret, timestampMs: 1 }) }),
  () => ({ 'content-type': 'application/json', 'x-front-signature': '%%%not-base64%%%', 'x-front-request-timestamp': 'soon' }),
];

describe('webhook-ingress under fuzzed input', () => {
  it('answers 500 malformed requests without a 5xx, a crash or a publish', async () => {
    const s = await startIngressSystem('fuzz');
    try {
      const random = prng(20261125);
      const statuses = new Map<number, number>();
      for (let index = 0; index < 500; index += 1) {
        const makeBody = MALFORMED_BODIES[Math.floor(random() * MALFORMED_BODIES.length)];
        const raw = makeBody(random);
        const body = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
        const headers = HEADER_SETS[Math.floor(random() * HEADER_SETS.length)](random, body, s.secrets);
        const key = random() < 0.1 ? 'unknown-key' : s.webhookUrl.split('/').pop();
        const response = await fetch(`${s.webhookUrl.replace(/[^/]+$/, '')}${key}`, { method: 'POST', headers, body: new Uint8Array(body) });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect({ index, status: response.status < 500 }).toEqual({ index, status: true });
      }
      const health = await fetch(`${s.system.urlOf('webhook-ingress')}/health/ready`);
      expect(health.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(s.capture.messages).toEqual([]);
      expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 401, 404, 415]));
    } finally {
      await s.capture.close();
      await s.system.stop();
    }
  }, 120_000);
});
