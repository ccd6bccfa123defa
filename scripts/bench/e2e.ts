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
import { AnswerIndex, drain, firstWebhookAttempts, offerConversations, overheadFigures, QUESTION, warmUp, WEBHOOK_CONCURRENCY, webhookSender, type OverheadFigures } from './e2e-load';
import { loadAverage, percentile, sleep } from './bench-helpers';
import { E2eSystem } from './e2e-system';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,800').split(',').map(Number);
const REPLICAS = (process.env.BENCH_REPLICAS ?? '1,2').split(',').map(Number);
const RATE_LIMIT = Number(process.env.BENCH_RATE_LIMIT ?? 120);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 500);
const BUDGET_WINDOWS = Number(process.env.BENCH_BUDGET_WINDOWS ?? 2);
const DRAIN_S = Number(process.env.BENCH_DRAIN_S ?? 45);

interface OverheadRow extends OverheadFigures {
  llmLatencyMs: number;
  replicas: number;
  sent: number;
  sendRate: number;
  llmCallsPerAnswer: number;
  /** p50 of webhook out → first Front API call about the conversation, and of that call → reply. */
  toFirstCallP50: number;
  firstCallToReplyP50: number;
  /** How busy the sandbox's one-at-a-time webhook sender was, and how long events waited in it (not in the overhead). */
  sender: string;
}

async function overheadRun(llmLatencyMs: number, replicas: number): Promise<OverheadRow> {
  const system = await E2eSystem.start({ label: 'bench_e2e', llmLatencyMs, replicas });
  try {
    const control = system.sandbox.control;
    control.updateSettings({ validateResponses: false });
    system.configureWebhook({ concurrency: WEBHOOK_CONCURRENCY });
    const answers = new AnswerIndex(control);
    await warmUp(control, answers);
    const llmBefore = system.llm.requests.length;
    const repliesBefore = control.record().replies.length;

    const cpuProcesses = () => system.services.map((service) => ({ label: service.name, pid: service.child?.pid }));
    const cpuBefore = cpuSnapshot(cpuProcesses());
    const { sent, sendRate } = await offerConversations(control, RATE, DURATION_S);
    await drain(answers, sent, DRAIN_S);
    console.log(`    CPU ms per conversation: ${cpuPerUnit(cpuBefore, cpuSnapshot(cpuProcesses()), sent.length)}`);
    const replies = control.record().replies.length - repliesBefore;
    const llmCallsPerAnswer = llmLatencyMs > 0 ? Math.round((system.llm.requests.length - llmBefore) / Math.max(1, replies)) : 0;
    const figures = overheadFigures(control, sent, answers, llmLatencyMs * llmCallsPerAnswer);
    const firstAttempt = firstWebhookAttempts(control);
    const firstCall = new Map<string, number>();
    for (const request of control.record().requests) {
      const match = /\/conversations\/(cnv_[^/]+)/.exec(request.path);
      if (match && !firstCall.has(match[1])) firstCall.set(match[1], request.at);
    }
    const toFirstCall: number[] = [];
    const firstCallToReply: number[] = [];
    for (const { conversationId, eventId } of sent) {
      const at = answers.at(conversationId);
      const leftAt = firstAttempt.get(eventId);
      const callAt = firstCall.get(conversationId);
      if (at === undefined || leftAt === undefined || callAt === undefined) continue;
      toFirstCall.push(callAt - leftAt);
      firstCallToReply.push(at - callAt - llmLatencyMs * llmCallsPerAnswer);
    }
    toFirstCall.sort((a, b) => a - b);
    firstCallToReply.sort((a, b) => a - b);
    return {
      ...figures,
      llmLatencyMs,
      replicas,
      sent: sent.length,
      sendRate,
      llmCallsPerAnswer,
      toFirstCallP50: percentile(toFirstCall, 50),
      firstCallToReplyP50: percentile(firstCallToReply, 50),
      sender: webhookSender(control, sent),
    };
  } finally {
    await system.stop();
  }
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
        const row = await overheadRun(latency, replicas);
        rows.push(row);
        console.log(
          `  LLM ${String(row.llmLatencyMs).padStart(4)} ms  sync/responder x${row.replicas}  sent ${row.sent} at ${row.sendRate.toFixed(1)}/s  answered ${row.answered} (${row.handedOff} handoffs)` +
            `  sustained ${row.sustained.toFixed(1)} conv/s  overhead p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms  max ${row.max} ms` +
            `  (LLM calls/answer ${row.llmCallsPerAnswer}; p50 webhook→first Front call ${row.toFirstCallP50} ms, first call→reply ${row.firstCallToReplyP50} ms; load ${loadAverage()})`,
        );
        console.log(`    ${row.sender}`);
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
