/**
 * npm run test:chaos — never double-answer, never lose a customer message.
 *
 * CHAOS_CONVERSATIONS (100) conversations, CHAOS_ROUNDS (11) rounds: in each
 * round every live conversation gets one customer message (spread over
 * CHAOS_SPREAD_MS), then the run waits until every message that should be
 * answered is. The sandbox delivers 10% of webhooks twice and reorders them
 * throughout. One fault per round, in turn:
 *   1 duplicates and reordering only
 *   2 ai-responder SIGKILLed the instant Front accepts a reply (after the
 *     Front call, before the ack), then restarted
 *   3 conversation-sync SIGKILLed mid-round, then restarted
 *   4 RabbitMQ "restarted": every service's AMQP connection cut through its
 *     own TCP proxy for CHAOS_OUTAGE_MS, then restored
 *   5 PostgreSQL "restarted": the same with every service's Postgres proxy
 *   6 the sandbox answers 429 bursts and 503s on the reply route
 *   7.. calm
 * With --real-restarts (or CHAOS_REAL_RESTARTS=1), rounds 4 and 5 restart the
 * machine's RabbitMQ (rabbitmqctl stop_app/start_app) and PostgreSQL
 * (pg_ctlcluster <version> <cluster> restart) instead: only on a machine
 * nobody else uses.
 *
 * Conversation roles (by index mod 10): 0 a teammate takes over after round
 * 3; 1 archived after round 4 (no more messages); 2 the customer asks for a
 * human in round 5 (handoff); the rest are answered every round. When Front
 * keeps failing a reply (round 6), the AI may hand a conversation to the team
 * instead (reason repeated_failures): that handoff answers the message, and
 * the conversation is expected to stay silent afterwards.
 *
 * At the end, from the sandbox's record: every message that should be
 * answered got exactly one reply or one handoff; 0 duplicate replies,
 * comments or tags; 0 replies after a takeover, handoff or archive; the
 * dead-letter queues are empty (or listed); the Front token and the signing
 * secret appear in no table, log line, broker message or API response; 50
 * cross-tenant attempts, 0 successes. Exit code 1 when any check fails.
 *
 * This file holds the configuration, the rounds and the report; the
 * conversations' roles, messages and expected answers are in
 * conversations.ts, each round's fault in faults.ts, the broker, dead-letter,
 * cross-tenant and secret checks in checks.ts.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RecordSnapshot } from '@front-agent/testing';
import { loadAverage, sleep, waitFor } from '../bench/bench-helpers';
import { E2eSystem } from '../bench/e2e-system';
import { captureBroker, crossTenant, deadLetters, findLeaks, type BrokerCapture } from './checks';
import {
  actAsHumansAfter,
  liveIn,
  noteHandoffsOnFailure,
  openConversation,
  reportProblems,
  tallyAnswers,
  totalSent,
  unanswered,
  writeAgain,
  type AnswerTally,
  type Conversation,
} from './conversations';
import { faultFor, type FaultSettings } from './faults';

const CONVERSATIONS = Number(process.env.CHAOS_CONVERSATIONS ?? 100);
const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 11);
const SPREAD_MS = Number(process.env.CHAOS_SPREAD_MS ?? 2_000);
const OUTAGE_MS = Number(process.env.CHAOS_OUTAGE_MS ?? 5_000);
const ROUND_TIMEOUT_MS = Number(process.env.CHAOS_ROUND_TIMEOUT_MS ?? 120_000);
const LLM_LATENCY_MS = Number(process.env.CHAOS_LLM_LATENCY_MS ?? 50);
const REAL_RESTARTS = process.argv.includes('--real-restarts') || process.env.CHAOS_REAL_RESTARTS === '1';

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 23)}] ${line}`);

async function main(): Promise<void> {
  const logDir = resolve(process.env.CHAOS_LOG_DIR ?? join('tmp', `chaos-${Date.now()}`));
  mkdirSync(logDir, { recursive: true });
  log(`chaos: ${CONVERSATIONS} conversations x ${ROUNDS} rounds, outage ${OUTAGE_MS} ms, ${REAL_RESTARTS ? 'REAL restarts' : 'proxy cuts'}; logs in ${logDir}; load ${loadAverage()}`);
  const started = Date.now();
  const system = await E2eSystem.start({
    label: 'chaos',
    llmLatencyMs: LLM_LATENCY_MS,
    proxies: !REAL_RESTARTS,
    logDir,
    logLevel: process.env.CHAOS_LOG_LEVEL ?? 'debug',
    env: { 'conversation-sync': { RECONCILE_INTERVAL_SECONDS: process.env.CHAOS_RECONCILE_SECONDS ?? '15' } },
  });
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures.push(what);
  };
  let capture: BrokerCapture | undefined;
  try {
    capture = await captureBroker(system.broker.url);
    const control = system.sandbox.control;
    system.configureWebhook({ duplicateRate: 0.1, reorder: true, reorderWindowMs: 300, maxRetries: 6, retryDelaysMs: [200, 1_000, 3_000, 5_000, 10_000] });
    const conversations: Conversation[] = [];
    const killedMidReply: string[] = [];
    const faultSettings: FaultSettings = { realRestarts: REAL_RESTARTS, outageMs: OUTAGE_MS, log, killedMidReply };
    for (let round = 1; round <= ROUNDS; round += 1) await playRound(round, system, conversations, faultSettings);

    log('all rounds sent; settling (late duplicates, retries, reconciliation)');
    await sleep(Number(process.env.CHAOS_SETTLE_MS ?? 20_000));
    await control.idle();

    // ---- the record ----
    noteHandoffsOnFailure(system, conversations);
    const record = control.record();
    const tally = tallyAnswers(record, conversations);
    printCounts(system, record, conversations, tally, killedMidReply);
    if (tally.problems.length) await reportProblems(system, conversations, tally.problems, logDir);
    console.log('\nChecks');
    const sent = totalSent(conversations);
    check(sent >= 1000 || CONVERSATIONS < 100, `at least 1,000 customer messages (${sent})`);
    check(tally.missing === 0, `every message that should be answered got a reply or a handoff (missing ${tally.missing})`);
    check(tally.duplicates === 0 && tally.duplicateComments === 0 && tally.duplicateTags === 0, `0 duplicate replies, comments or tags (${tally.duplicates}/${tally.duplicateComments}/${tally.duplicateTags})`);
    check(tally.silentViolations === 0, `0 replies after a takeover, archive or handoff (${tally.silentViolations})`);

    // ---- dead letters ----
    const dlqs = await deadLetters(system.broker.vhost, system.broker.url);
    for (const dlq of dlqs) console.log(`  dead-letter queue ${dlq.name}: ${dlq.messages}${dlq.samples.length ? ` e.g. ${dlq.samples.join(' | ')}` : ''}`);
    check(dlqs.every((dlq) => dlq.messages === 0), `dead-letter queues empty (${dlqs.reduce((sum, dlq) => sum + dlq.messages, 0)} entries)`);

    // ---- cross-tenant ----
    const tenant = await crossTenant(system, conversations.map((c) => c.id));
    check(tenant.successes === 0, `cross-tenant: ${tenant.attempts} attempts with another org's key, ${tenant.successes} successes${tenant.details.length ? `: ${tenant.details.slice(0, 3).join('; ')}` : ''}`);

    // ---- secrets ----
    await capture.close();
    for (const service of system.services) await service.close();
    const leaks = await findLeaks(system, logDir, capture.messages);
    console.log(`  scanned: ${leaks.scanned.join(', ')}`);
    check(leaks.found.length === 0, `Front token and signing secret in clear nowhere${leaks.found.length ? `: ${leaks.found.join('; ')}` : ''}`);
  } finally {
    await capture?.close().catch(() => undefined);
    await system.stop();
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; load ${loadAverage()}; ${failures.length ? `${failures.length} check(s) FAILED` : 'all checks passed'}`);
  process.exit(failures.length ? 1 : 0);
}

/** One round: its customer messages (spread over SPREAD_MS) alongside its fault, the wait for every answer, then the humans' actions. */
async function playRound(round: number, system: E2eSystem, conversations: Conversation[], faultSettings: FaultSettings): Promise<void> {
  const control = system.sandbox.control;
  const live = round === 1 ? [] : liveIn(round, conversations);
  const count = round === 1 ? CONVERSATIONS : live.length;
  const fault = faultFor(round, system, faultSettings);
  log(`round ${round}: ${count} messages; ${fault.name}`);
  const faultDone = fault.during(SPREAD_MS);
  const roundStart = Date.now();
  for (let i = 0; i < count; i += 1) {
    const due = roundStart + (i * SPREAD_MS) / count;
    if (due - Date.now() > 1) await sleep(due - Date.now());
    if (round === 1) conversations.push(openConversation(control, i));
    else writeAgain(control, live[i], round);
  }
  await faultDone;
  const waitStart = Date.now();
  await waitFor(() => unanswered(system, conversations).length === 0, ROUND_TIMEOUT_MS, `round ${round}'s answers`, 250).catch(() => {
    const missing = unanswered(system, conversations);
    log(`  round ${round}: ${missing.length} conversation(s) still waiting: ${missing.slice(0, 5).map((c) => c.id).join(', ')}`);
  });
  log(`  round ${round} answered ${Date.now() - waitStart} ms after the last message (total sent ${totalSent(conversations)}, load ${loadAverage()})`);
  for (const conversation of noteHandoffsOnFailure(system, conversations)) {
    log(`  ${conversation.id} handed off to the team by the AI after repeated Front failures: silent from now on`);
  }
  actAsHumansAfter(round, system, conversations);
}

function printCounts(system: E2eSystem, record: RecordSnapshot, conversations: Conversation[], tally: AnswerTally, killedMidReply: string[]): void {
  const deliveries = system.sandbox.control.webhookDeliveries();
  console.log('\nCounts');
  console.log(`  customer messages sent                 ${totalSent(conversations)}`);
  console.log(`  messages that should be answered       ${tally.expectedAnswers}`);
  console.log(`  AI replies                             ${tally.replies}`);
  console.log(`  handoffs (comment)                     ${tally.handoffs}`);
  const onFailure = conversations.filter((c) => c.handedOffOnFailureAt !== undefined).map((c) => c.id);
  console.log(`    of which after repeated Front failures ${onFailure.length}${onFailure.length ? ` (${onFailure.join(', ')})` : ''}`);
  console.log(`  missing answers                        ${tally.missing}`);
  console.log(`  duplicate replies                      ${tally.duplicates}`);
  console.log(`  duplicate comments                     ${tally.duplicateComments}`);
  console.log(`  duplicate ai-handoff tags              ${tally.duplicateTags}`);
  console.log(`  AI replies after takeover/archive/handoff ${tally.silentViolations}`);
  console.log(`  webhook deliveries ${deliveries.length} (duplicates ${deliveries.filter((d) => d.duplicate).length}, failed attempts ${deliveries.filter((d) => d.status === null || d.status >= 300).length})`);
  console.log(`  Front requests ${record.counts.requests}, by status ${JSON.stringify(record.counts.byStatus)}, faults injected ${record.counts.faultsInjected}`);
  for (const id of killedMidReply) {
    const conversation = conversations.find((c) => c.id === id);
    const count = record.replies.filter((r) => r.conversationId === id && r.authorId === 'tea_ai').length;
    console.log(`  killed mid-reply in ${id} (${conversation?.role}): ${count} AI replies for ${conversation?.expectedReplies} answerable messages`);
  }
  console.log(`  service (re)starts ${system.services.map((s) => `${s.id}:${s.starts}`).join(' ')}`);
  for (const problem of tally.problems.slice(0, 30)) console.log(`    - ${problem}`);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
