/**
 * npm run bench:e2e-floor — the least a pipeline with our guarantees costs
 * on this machine, under bench:e2e's overhead load (same sandbox setup, same
 * conversations, same measurement: scripts/bench/e2e-load.ts).
 *
 * Three processes, as in production, with the same broker hops:
 *  1. floor ingress (confirm-floor-server.ts): node:http, checks the
 *     application signature, publishes the event to a quorum queue and
 *     answers 200 after the broker's confirm;
 *  2. session worker (floor-session-worker.ts): manual ack; an inbound
 *     customer message assigned to the AI gets its inbox row (duplicates
 *     stop there) and the claim "reply to message X" in one statement, then
 *     a reply request to a second quorum queue, confirmed before the ack;
 *  3. reply worker (floor-reply-worker.ts): manual ack; reads the
 *     conversation from Front (stale guard: still assigned to the AI, not
 *     archived), posts a canned reply on ai-responder's route, marks the
 *     claim done, acks; a redelivered request looks in Front first.
 * Left out: the integration lookup per webhook (one org, one secret), event
 * normalisation, the conversation session and its history, the outbox
 * relay (the claim row is the outbox), reading the messages, retrieval and
 * the LLM (0 ms), the Front budget, retries with backoff, handoffs,
 * metrics, logs, health checks, graceful shutdown.
 *
 * Prints the offered and sustained rate, overhead p50/p95/p99/max, CPU ms
 * per conversation per process, and checks every conversation was answered
 * exactly once (duplicates must be 0).
 *
 * Env: BENCH_RATE (100), BENCH_DURATION_S (20), BENCH_DRAIN_S (45),
 * BENCH_DUPLICATE_RATE (0: share of webhooks the sandbox sends twice, to
 * exercise the inbox).
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestBroker, createTestDatabase, startFrontSandbox } from '@front-agent/testing';
import { startProcess, type BenchProcess } from './bench-processes';
import { cpuPerUnit, cpuSnapshot } from './cpu-usage';
import { AI_TEAMMATE_ID, AnswerIndex, drain, offerConversations, overheadFigures, warmUp, WEBHOOK_CONCURRENCY, webhookSender } from './e2e-load';
import { loadAverage, sleep } from './bench-helpers';
import { FLOOR_SCHEMA } from './floor-topology';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const DRAIN_S = Number(process.env.BENCH_DRAIN_S ?? 45);
const DUPLICATE_RATE = Number(process.env.BENCH_DUPLICATE_RATE ?? 0);

async function main(): Promise<void> {
  console.log(`bench:e2e-floor  rate ${RATE} conversations/s for ${DURATION_S} s; load average before: ${loadAverage()}`);
  const [database, broker, sandbox] = await Promise.all([
    createTestDatabase('bench_floor'),
    createTestBroker('bench_floor'),
    startFrontSandbox({ seed: 'default' }),
  ]);
  const processes: { label: string; process: BenchProcess }[] = [];
  const stopAll = () => Promise.all(processes.map(({ process: child }) => child.stop()));
  const dropStores = () => Promise.all([database.drop().catch(() => undefined), broker.drop().catch(() => undefined)]);
  // The processes die with this script, also when it crashes or is interrupted.
  process.on('exit', () => processes.forEach(({ process: child }) => child.child.kill('SIGKILL')));
  process.once('SIGINT', () => void stopAll().then(dropStores).finally(() => process.exit(130)));
  try {
    const schema = new Client({ connectionString: database.url });
    await schema.connect();
    await schema.query(FLOOR_SCHEMA);
    await schema.end();
    const control = sandbox.control;
    control.updateSettings({ validateResponses: false });
    const token = control.createToken({ token: `fa-floor-token-${randomBytes(12).toString('hex')}` }).token;
    const appSecret = `fa-floor-secret-${randomBytes(12).toString('hex')}`;

    // Consumers first: they declare the exchange and queues the ingress publishes to.
    const env = { DATABASE_URL: database.url, AMQP_URL: broker.url, FRONT_API_URL: sandbox.url, FRONT_TOKEN: token, AI_TEAMMATE_ID };
    processes.push({ label: 'floor session worker', process: await startProcess('scripts/bench/floor-session-worker.ts', env, '/ready') });
    processes.push({ label: 'floor reply worker', process: await startProcess('scripts/bench/floor-reply-worker.ts', env, '/ready') });
    const ingress = await startProcess('scripts/bench/confirm-floor-server.ts', { AMQP_URL: broker.url, APP_SECRET: appSecret }, '/ready');
    processes.push({ label: 'floor ingress', process: ingress });
    control.configureWebhook({ url: `${ingress.url}/webhooks/front/floor`, format: 'application', appSecret, duplicateRate: DUPLICATE_RATE, concurrency: WEBHOOK_CONCURRENCY });

    const answers = new AnswerIndex(control);
    const warm = await warmUp(control, answers);
    const cpuProcesses = () => processes.map(({ label, process: child }) => ({ label, pid: child.child.pid }));
    const cpuBefore = cpuSnapshot(cpuProcesses());
    const { sent, sendRate } = await offerConversations(control, RATE, DURATION_S);
    await drain(answers, sent, DRAIN_S);
    const cpu = cpuPerUnit(cpuBefore, cpuSnapshot(cpuProcesses()), sent.length);
    // Late duplicates would land now: replies still in the sandbox's processing, webhooks still going out.
    await Promise.race([control.idle(), sleep(10_000)]);
    const figures = overheadFigures(control, sent, answers);

    // Exactly once: count the AI's replies per conversation in the sandbox's record.
    const repliesPer = new Map<string, number>();
    for (const reply of control.record().replies) {
      if (reply.authorId === AI_TEAMMATE_ID) repliesPer.set(reply.conversationId, (repliesPer.get(reply.conversationId) ?? 0) + 1);
    }
    const conversations = [...warm, ...sent.map(({ conversationId }) => conversationId)];
    const unanswered = conversations.filter((id) => !repliesPer.has(id)).length;
    const duplicates = conversations.reduce((sum, id) => sum + Math.max(0, (repliesPer.get(id) ?? 0) - 1), 0);
    const webhooks = control.webhookDeliveries();

    console.log(`  offered ${sendRate.toFixed(1)} conv/s (${sent.length} conversations)  sustained ${figures.sustained.toFixed(1)} conv/s  answered ${figures.answered}/${sent.length}`);
    console.log(`  overhead p50 ${figures.p50} ms  p95 ${figures.p95} ms  p99 ${figures.p99} ms  max ${figures.max} ms`);
    console.log(`  CPU ms per conversation: ${cpu}`);
    console.log(
      `  exactly once (warm-up included, ${conversations.length} conversations): unanswered ${unanswered}, duplicate replies ${duplicates}` +
        ` (webhook attempts ${webhooks.length}, of which duplicates sent by the sandbox ${webhooks.filter((delivery) => delivery.duplicate).length}, non-2xx ${webhooks.filter((delivery) => delivery.status === null || delivery.status >= 300).length})`,
    );
    console.log(`  ${webhookSender(control, sent)}`);
    console.log(`  targets (${RATE}/s): p50 ${figures.p50} ms (<= 40), p99 ${figures.p99} ms (<= 150); load average after: ${loadAverage()}`);
    if (duplicates > 0 || unanswered > 0) process.exitCode = 1;
  } finally {
    await stopAll();
    await sandbox.close().catch(() => undefined);
    await dropStores();
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
