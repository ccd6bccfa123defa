/**
 * npm run bench:ingress — in one run on this machine:
 *  (a) a bare node:http server that reads the body and answers 200;
 *  (b) webhook-ingress with a real RabbitMQ (quorum queue bound, publisher
 *      confirms) and valid signatures;
 *  (c) the floor: a bare node:http server that checks the signature and
 *      answers after the same broker's confirm, and nothing else
 *      (confirm-floor-server.ts): how far this machine and broker let any
 *      receiver with our guarantees go.
 * Same load tool (autocannon), same payload, same connections. Prints req/s
 * and p50/p99 of each, the ratios (b)/(a) and (c)/(a), then p99 of (b) and
 * (c) at half (b)'s max rate.
 */
import { randomBytes } from 'node:crypto';
import * as amqp from 'amqplib';
import autocannon from 'autocannon';
import { signApplicationWebhook } from '@front-agent/front-client';
import { createTestBroker, createTestDatabase, startFrontSandbox } from '@front-agent/testing';
import { startProcess } from './bench-processes';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, body: string, headers: Record<string, string>, overallRate?: number): Promise<Figures> {
  const result = await autocannon({
    url,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    connections: CONNECTIONS,
    duration: DURATION_S,
    ...(overallRate ? { overallRate } : {}),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

async function main(): Promise<void> {
  const [database, broker, sandbox] = await Promise.all([createTestDatabase('bench'), createTestBroker('bench'), startFrontSandbox()]);
  const env = {
    DATABASE_URL: database.url,
    AMQP_URL: broker.url,
    FRONT_API_URL: sandbox.url,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
  };
  const processes = [];
  try {
    const connection = await amqp.connect(broker.url);
    const channel = await connection.createChannel();
    await channel.assertExchange('front.events', 'topic', { durable: true });
    await channel.assertQueue('bench.front-events', { durable: true, arguments: { 'x-queue-type': 'quorum', 'x-max-length': 200_000 } });
    await channel.bindQueue('bench.front-events', 'front.events', '#');

    const ingress = await startProcess('apps/webhook-ingress/src/main.ts', env);
    const settings = await startProcess('apps/integration-settings/src/main.ts', { ...env, PUBLIC_BASE_URL: ingress.url });
    processes.push(ingress, settings);
    const raw = await startProcess('scripts/bench/raw-http-server.ts', {}, '/');
    const appSecret = sandbox.control.state().secrets.appSecret;
    const floor = await startProcess('scripts/bench/confirm-floor-server.ts', { AMQP_URL: broker.url, APP_SECRET: appSecret }, '/ready');
    processes.push(raw, floor);

    const webhookUrl = await connectIntegration(settings.url, env, sandbox.control.state().secrets.appSecret);
    const body = JSON.stringify(sampleEvent());
    const headers = signApplicationWebhook({ rawBody: Buffer.from(body), secret: sandbox.control.state().secrets.appSecret });
    const warm = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    if (warm.status !== 200) throw new Error(`ingress refused the benchmark payload: ${warm.status} ${await warm.text()}`);

    console.log(`payload ${body.length} bytes, ${CONNECTIONS} connections, ${DURATION_S} s per run`);
    // Every phase starts with an empty queue, as in production where consumers drain it.
    const loadOnEmptyQueue = async (url: string, rate?: number) => {
      await channel.purgeQueue('bench.front-events');
      return load(url, body, headers, rate);
    };
    const a = await load(raw.url, body, headers);
    const b = await loadOnEmptyQueue(webhookUrl);
    const halfRate = Math.max(1, Math.round(b.rps / 2));
    const half = await loadOnEmptyQueue(webhookUrl, halfRate);
    const c = await loadOnEmptyQueue(`${floor.url}/webhooks/front/floor`);
    const cHalf = await loadOnEmptyQueue(`${floor.url}/webhooks/front/floor`, halfRate);
    const row = (name: string, f: Figures) =>
      `${name.padEnd(34)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   non-2xx ${f.non2xx}`;
    console.log(row('(a) bare node:http', a));
    console.log(row('(b) webhook-ingress + RabbitMQ', b));
    console.log(row(`(b) at half max (${halfRate} req/s)`, half));
    console.log(row('(c) floor: node:http + HMAC + confirm', c));
    console.log(row(`(c) at (b)'s half max (${halfRate} req/s)`, cHalf));
    console.log(`ratio (b)/(a) = ${(b.rps / a.rps).toFixed(3)}   (target >= 0.30)`);
    console.log(`p99 of (b) at half its max rate = ${half.p99} ms   (target <= 20 ms)`);
    console.log(`the floor on this machine: (c)/(a) = ${(c.rps / a.rps).toFixed(3)}, (b)/(c) = ${(b.rps / c.rps).toFixed(3)}`);
    await connection.close();
  } finally {
    for (const child of processes.reverse()) await child.stop();
    await sandbox.close();
    await Promise.all([database.drop(), broker.drop()]);
  }
}

async function connectIntegration(settingsUrl: string, env: NodeJS.ProcessEnv, appSecret: string): Promise<string> {
  const { spawnSync } = await import('node:child_process');
  const cli = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/integration-settings/src/cli/main.ts', 'org:create', '--name', 'Bench'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const { adminKey } = JSON.parse(cli.stdout.trim().split('\n').pop()!) as { adminKey: string };
  const call = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${settingsUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ webhookUrl: string }>;
  };
  await call('POST', '/v1/integrations/front/connect', { apiToken: 'sandbox-token' });
  const integration = await call('PATCH', '/v1/integrations/front', { aiTeammateId: 'tea_ai', webhookSecret: appSecret });
  await new Promise((resolve) => setTimeout(resolve, 500));
  return integration.webhookUrl;
}

function sampleEvent() {
  return {
    type: 'inbound_received',
    authorization: { id: 'cmp_sandbox' },
    payload: {
      _links: { self: 'https://sandbox.api.frontapp.com/events/evt_bench' },
      id: 'evt_bench',
      type: 'inbound',
      emitted_at: Date.now() / 1000,
      conversation: { id: 'cnv_bench', subject: 'Bench', status: 'assigned', assignee: { id: 'tea_ai' }, is_private: false },
      source: { _meta: { type: 'inboxes' }, data: [{ id: 'inb_1', name: 'Support', is_private: false }] },
      target: {
        _meta: { type: 'message' },
        data: {
          id: 'msg_bench',
          type: 'email',
          is_inbound: true,
          author: null,
          blurb: 'How do I reset my password?',
          body: '<p>How do I reset my password? I tried twice and it did not work.</p>',
          text: 'How do I reset my password? I tried twice and it did not work.',
          recipients: [
            { handle: 'customer@example.com', role: 'from', name: 'Customer' },
            { handle: 'support@sandbox.test', role: 'to', name: null },
          ],
        },
      },
    },
  };
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
