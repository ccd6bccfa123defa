/**
 * npm run bench:e2e — the whole pipeline, four services as processes, the
 * Front sandbox and a fake LLM with a fixed latency.
 *
 * Part 1 (overhead): drives BENCH_RATE new conversations/s (a customer
 * message each, assigned to the AI teammate) for BENCH_DURATION_S seconds,
 * with the fake LLM at 0 ms and 800 ms, with 1 and 2 replicas of
 * conversation-sync and ai-responder. Per message: overhead = reply accepted
 * by the sandbox − first webhook attempt leaving the sandbox − LLM latency ×
 * LLM calls per answer. Prints p50/p95/p99 overhead and sustained
 * conversations/s (answers completed per second of the run).
 *
 * Part 2 (Front budget): a sandbox limit of BENCH_RATE_LIMIT (120) requests
 * a minute, learnt at connect, then a backlog of BENCH_BACKLOG (500)
 * customer messages at once at the start of a rate-limit minute; over that
 * minute and the next (BENCH_BUDGET_WINDOWS, 2) prints the share of the
 * allowed requests used and the 429s seen.
 *
 * Env: BENCH_RATE (100), BENCH_DURATION_S (20), BENCH_LATENCIES ("0,800"),
 * BENCH_REPLICAS ("1,2"), BENCH_RATE_LIMIT (120), BENCH_BACKLOG (500),
 * BENCH_BUDGET_WINDOWS (2), BENCH_DRAIN_S (45: how long a run waits for its
 * last answers), BENCH_LOG_DIR (keep the budget run's service logs),
 * BENCH_SKIP_BUDGET=1, BENCH_SKIP_OVERHEAD=1. Full scale takes about 9 min.
 */
import { cpuPerUnit, cpuSnapshot } from './cpu-usage';
import { E2eSystem, loadAverage, percentile, sleep, waitFor } from './e2e-system';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,800').split(',').map(Number);
const REPLICAS = (process.env.BENCH_REPLICAS ?? '1,2').split(',').map(Number);
const RATE_LIMIT = Number(process.env.BENCH_RATE_LIMIT ?? 120);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 500);
const BUDGET_WINDOWS = Number(process.env.BENCH_BUDGET_WINDOWS ?? 2);
const DRAIN_S = Number(process.env.BENCH_DRAIN_S ?? 45);

const QUESTION = 'How do I reset my password?';

interface OverheadRow {
  llmLatencyMs: number;
  replicas: number;
  sent: number;
  answered: number;
  handedOff: number;
  sendRate: number;
  sustained: number;
  llmCallsPerAnswer: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** p50 of webhook out → first Front API call about the conversation, and of that call → reply. */
  toFirstCallP50: number;
  firstCallToReplyP50: number;
}

async function overheadRun(llmLatencyMs: number, replicas: number): Promise<OverheadRow> {
  const system = await E2eSystem.start({ label: 'bench_e2e', llmLatencyMs, replicas });
  try {
    const control = system.sandbox.control;
    control.updateSettings({ validateResponses: false });
    system.configureWebhook();
    // Warm-up: a few conversations through every replica, not measured.
    const warm = Array.from({ length: 10 }, (_, i) =>
      control.customerMessage({ channel: 'email', handle: `warm${i}@bench.test`, text: QUESTION, assigneeId: 'tea_ai' }).conversationId,
    );
    await waitFor(() => warm.every((id) => answeredAt(system, id) !== undefined), 60_000, 'warm-up answers');
    const llmBefore = system.llm.requests.length;
    const repliesBefore = control.record().replies.length;

    const total = Math.max(1, Math.round(RATE * DURATION_S));
    const cpuProcesses = () => system.services.map((service) => ({ label: service.name, pid: service.child?.pid }));
    const cpuBefore = cpuSnapshot(cpuProcesses());
    const sent: { conversationId: string; eventId: string }[] = [];
    const started = Date.now();
    for (let i = 0; i < total; i += 1) {
      const due = started + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 1) await sleep(wait);
      const result = control.customerMessage({ channel: 'email', handle: `c${i}@bench.test`, text: QUESTION, assigneeId: 'tea_ai' });
      sent.push({ conversationId: result.conversationId, eventId: result.eventId });
    }
    const sendRate = total / ((Date.now() - started) / 1000);
    // Bounded drain: above the sustainable rate the queue grows, and the run reports what was answered.
    await waitFor(() => sent.every(({ conversationId }) => answeredAt(system, conversationId) !== undefined), DRAIN_S * 1000, 'every answer', 250).catch(
      (error: Error) => console.warn(`  ${error.message} (answers still missing are left out of the percentiles)`),
    );
    console.log(`    CPU ms per conversation: ${cpuPerUnit(cpuBefore, cpuSnapshot(cpuProcesses()), total)}`);
    const firstAttempt = new Map<string, number>();
    for (const delivery of control.webhookDeliveries()) {
      if (!delivery.eventId || delivery.duplicate) continue;
      const known = firstAttempt.get(delivery.eventId);
      if (known === undefined || delivery.startedAt < known) firstAttempt.set(delivery.eventId, delivery.startedAt);
    }
    const replies = control.record().replies.length - repliesBefore;
    const llmCallsPerAnswer = llmLatencyMs > 0 ? Math.round((system.llm.requests.length - llmBefore) / Math.max(1, replies)) : 0;
    const overheads: number[] = [];
    let handedOff = 0;
    let lastAt = 0;
    let firstAt = Infinity;
    for (const { conversationId, eventId } of sent) {
      const at = answeredAt(system, conversationId);
      const leftAt = firstAttempt.get(eventId);
      if (at === undefined || leftAt === undefined) continue;
      if (!control.record().replies.some((reply) => reply.conversationId === conversationId)) handedOff += 1;
      overheads.push(at - leftAt - llmLatencyMs * llmCallsPerAnswer);
      lastAt = Math.max(lastAt, at);
      firstAt = Math.min(firstAt, leftAt);
    }
    overheads.sort((a, b) => a - b);
    const firstCall = new Map<string, number>();
    for (const request of control.record().requests) {
      const match = /\/conversations\/(cnv_[^/]+)/.exec(request.path);
      if (match && !firstCall.has(match[1])) firstCall.set(match[1], request.at);
    }
    const toFirstCall: number[] = [];
    const firstCallToReply: number[] = [];
    for (const { conversationId, eventId } of sent) {
      const at = answeredAt(system, conversationId);
      const leftAt = firstAttempt.get(eventId);
      const callAt = firstCall.get(conversationId);
      if (at === undefined || leftAt === undefined || callAt === undefined) continue;
      toFirstCall.push(callAt - leftAt);
      firstCallToReply.push(at - callAt - llmLatencyMs * llmCallsPerAnswer);
    }
    toFirstCall.sort((a, b) => a - b);
    firstCallToReply.sort((a, b) => a - b);
    return {
      llmLatencyMs,
      replicas,
      sent: total,
      answered: overheads.length,
      handedOff,
      sendRate,
      sustained: overheads.length / ((lastAt - firstAt) / 1000),
      llmCallsPerAnswer,
      p50: percentile(overheads, 50),
      p95: percentile(overheads, 95),
      p99: percentile(overheads, 99),
      max: overheads[overheads.length - 1] ?? NaN,
      toFirstCallP50: percentile(toFirstCall, 50),
      firstCallToReplyP50: percentile(firstCallToReply, 50),
    };
  } finally {
    await system.stop();
  }
}

/** When the AI's answer (a reply, or the handoff comment) reached the sandbox. */
function answeredAt(system: E2eSystem, conversationId: string): number | undefined {
  const index = answerIndex(system);
  return index.get(conversationId);
}

let indexed: { replies: number; comments: number; map: Map<string, number> } | undefined;
function answerIndex(system: E2eSystem): Map<string, number> {
  const record = system.sandbox.control.record();
  if (!indexed || indexed.replies > record.replies.length || indexed.comments > record.comments.length) {
    indexed = { replies: 0, comments: 0, map: new Map() };
  }
  for (; indexed.replies < record.replies.length; indexed.replies += 1) {
    const reply = record.replies[indexed.replies];
    if (reply.authorId === 'tea_ai' && !indexed.map.has(reply.conversationId)) indexed.map.set(reply.conversationId, reply.at);
  }
  for (; indexed.comments < record.comments.length; indexed.comments += 1) {
    const comment = record.comments[indexed.comments];
    if (comment.authorId === 'tea_ai' && !indexed.map.has(comment.conversationId)) indexed.map.set(comment.conversationId, comment.at);
  }
  return indexed.map;
}

interface BudgetFigures {
  limit: number;
  windows: { start: string; allowed: number; used: number; rateLimited: number }[];
  share: number;
  rateLimited: number;
  answeredInRun: number;
}

async function budgetRun(): Promise<BudgetFigures> {
  const system = await E2eSystem.start({
    label: 'bench_budget',
    llmLatencyMs: 0,
    rateLimitPerMinute: RATE_LIMIT,
    logDir: process.env.BENCH_LOG_DIR,
    logLevel: process.env.BENCH_LOG_DIR ? 'info' : undefined,
  });
  try {
    const control = system.sandbox.control;
    control.updateSettings({ validateResponses: false });
    system.configureWebhook();
    // Wait for a fresh rate-limit minute, so the connect and knowledge sync are out of the way.
    await sleep(60_000 - (Date.now() % 60_000) + 50);
    const rateLimitedBefore = control.record().counts.rateLimited;
    for (let i = 0; i < BACKLOG; i += 1) {
      control.customerMessage({ channel: 'email', handle: `backlog${i}@bench.test`, text: QUESTION, assigneeId: 'tea_ai' });
    }
    // The backlog lands at the start of a rate-limit minute: measure that minute and the next ones.
    const measureFrom = Math.floor(Date.now() / 60_000) * 60_000;
    const measureTo = measureFrom + BUDGET_WINDOWS * 60_000;
    console.log(`  backlog of ${BACKLOG} sent; measuring ${BUDGET_WINDOWS} whole rate-limit minute(s) from ${new Date(measureFrom).toISOString()}`);
    await sleep(measureTo - Date.now() + 500);
    const requests = control.record().requests.filter((request) => request.at >= measureFrom && request.at < measureTo);
    const windows = [];
    for (let start = measureFrom; start < measureTo; start += 60_000) {
      const inWindow = requests.filter((request) => request.at >= start && request.at < start + 60_000);
      windows.push({
        start: new Date(start).toISOString(),
        allowed: RATE_LIMIT,
        used: inWindow.filter((request) => request.status !== 429).length,
        rateLimited: inWindow.filter((request) => request.status === 429).length,
      });
    }
    const used = windows.reduce((sum, window) => sum + window.used, 0);
    return {
      limit: RATE_LIMIT,
      windows,
      share: used / (RATE_LIMIT * BUDGET_WINDOWS),
      rateLimited: control.record().counts.rateLimited - rateLimitedBefore,
      answeredInRun: new Set([...control.record().replies, ...control.record().comments].map((entry) => entry.conversationId)).size,
    };
  } finally {
    await system.stop();
  }
}

async function main(): Promise<void> {
  console.log(`bench:e2e  rate ${RATE} conversations/s for ${DURATION_S} s per run; load average before: ${loadAverage()}`);
  const rows: OverheadRow[] = [];
  if (!process.env.BENCH_SKIP_OVERHEAD) {
    for (const replicas of REPLICAS) {
      for (const latency of LATENCIES) {
        indexed = undefined;
        const row = await overheadRun(latency, replicas);
        rows.push(row);
        console.log(
          `  LLM ${String(row.llmLatencyMs).padStart(4)} ms  sync/responder x${row.replicas}  sent ${row.sent} at ${row.sendRate.toFixed(1)}/s  answered ${row.answered} (${row.handedOff} handoffs)` +
            `  sustained ${row.sustained.toFixed(1)} conv/s  overhead p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms  max ${row.max} ms` +
            `  (LLM calls/answer ${row.llmCallsPerAnswer}; p50 webhook→first Front call ${row.toFirstCallP50} ms, first call→reply ${row.firstCallToReplyP50} ms; load ${loadAverage()})`,
        );
      }
    }
    console.log('\n| LLM latency | sync/responder replicas | offered conv/s | sustained conv/s | answered | overhead p50 | p95 | p99 |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const row of rows) {
      console.log(`| ${row.llmLatencyMs} ms | ${row.replicas} | ${row.sendRate.toFixed(1)} | ${row.sustained.toFixed(1)} | ${row.answered}/${row.sent} | ${row.p50} ms | ${row.p95} ms | ${row.p99} ms |`);
    }
    const target = rows.find((row) => row.llmLatencyMs === 0 && row.replicas === 1);
    if (target) console.log(`targets (0 ms LLM, ${RATE}/s): p50 ${target.p50} ms (<= 40), p99 ${target.p99} ms (<= 150)`);
  }
  if (!process.env.BENCH_SKIP_BUDGET) {
    console.log(`\nFront budget: ${RATE_LIMIT} requests/min, backlog ${BACKLOG}`);
    const budget = await budgetRun();
    for (const window of budget.windows) console.log(`  minute ${window.start}: ${window.used}/${window.allowed} used, ${window.rateLimited} answered 429`);
    console.log(`share of the allowed rate used ${(budget.share * 100).toFixed(1)}% (target >= 95%), 429s seen by the sandbox ${budget.rateLimited} (target 0), conversations answered ${budget.answeredInRun}`);
  }
  console.log(`load average after: ${loadAverage()}`);
}

main()
  .then(() => process.exit(0))
  .catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
