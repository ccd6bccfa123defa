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
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as amqp from 'amqplib';
import { E2eSystem, loadAverage, sleep, waitFor, type ServiceProcess } from '../bench/e2e-system';

const run = promisify(execFile);

const CONVERSATIONS = Number(process.env.CHAOS_CONVERSATIONS ?? 100);
const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 11);
const SPREAD_MS = Number(process.env.CHAOS_SPREAD_MS ?? 2_000);
const OUTAGE_MS = Number(process.env.CHAOS_OUTAGE_MS ?? 5_000);
const ROUND_TIMEOUT_MS = Number(process.env.CHAOS_ROUND_TIMEOUT_MS ?? 120_000);
const LLM_LATENCY_MS = Number(process.env.CHAOS_LLM_LATENCY_MS ?? 50);
const REAL_RESTARTS = process.argv.includes('--real-restarts') || process.env.CHAOS_REAL_RESTARTS === '1';

type Role = 'normal' | 'takeover' | 'archived' | 'handoff';
const TAKEOVER_AFTER = 3;
const ARCHIVE_AFTER = 4;
const HANDOFF_ROUND = 5;

interface Conversation {
  index: number;
  id: string;
  role: Role;
  handle: string;
  /** Rounds whose message should get an answer. */
  expectedReplies: number;
  expectHandoff: boolean;
  /** Time after which no AI reply may appear (takeover, archive, handoff). */
  silentFrom?: number;
  /**
   * The AI handed the conversation to the team on its own (Front kept failing
   * its reply: repeated_failures): that handoff answers the round's message,
   * and the AI stays silent from then on.
   */
  handedOffOnFailureAt?: number;
  messagesSent: number;
  /** When each customer message was sent (ms), for the problem report. */
  sentAt: number[];
}

const QUESTIONS = [
  'How do I reset my password?',
  'I forgot my password, how can I reset it?',
  'Where do I change my password in Settings?',
  'Can you tell me how to reset the password on my account?',
];

function roleOf(index: number): Role {
  switch (index % 10) {
    case 0:
      return 'takeover';
    case 1:
      return 'archived';
    case 2:
      return 'handoff';
    default:
      return 'normal';
  }
}

/** Conversations whose reply the responder was killed in the middle of. */
const killedMidReply: string[] = [];
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
    let sent = 0;

    for (let round = 1; round <= ROUNDS; round += 1) {
      const live = round === 1 ? [] : conversations.filter((conversation) => !(conversation.role === 'archived' && round > ARCHIVE_AFTER));
      const count = round === 1 ? CONVERSATIONS : live.length;
      const fault = faultFor(round, system);
      log(`round ${round}: ${count} messages; ${fault.name}`);
      const faultDone = fault.during(SPREAD_MS);
      const roundStart = Date.now();
      for (let i = 0; i < count; i += 1) {
        const due = roundStart + (i * SPREAD_MS) / count;
        if (due - Date.now() > 1) await sleep(due - Date.now());
        if (round === 1) {
          const role = roleOf(i);
          const handle = `chaos${i}@customer.test`;
          const id = control.customerMessage({ channel: 'email', handle, text: QUESTIONS[0], assigneeId: 'tea_ai' }).conversationId;
          conversations.push({ index: i, id, role, handle, expectedReplies: 1, expectHandoff: false, messagesSent: 1, sentAt: [Date.now()] });
        } else {
          const conversation = live[i];
          const asksForHuman = conversation.role === 'handoff' && round === HANDOFF_ROUND;
          const text = asksForHuman ? 'I want to talk to a human, please' : QUESTIONS[(round + conversation.index) % QUESTIONS.length];
          control.customerMessage({ conversationId: conversation.id, handle: conversation.handle, text });
          conversation.messagesSent += 1;
          conversation.sentAt.push(Date.now());
          if (asksForHuman) conversation.expectHandoff = true;
          else if (conversation.silentFrom === undefined) conversation.expectedReplies += 1;
        }
        sent += 1;
      }
      await faultDone;
      const waitStart = Date.now();
      await waitFor(() => unanswered(system, conversations).length === 0, ROUND_TIMEOUT_MS, `round ${round}'s answers`, 250).catch(() => {
        const missing = unanswered(system, conversations);
        log(`  round ${round}: ${missing.length} conversation(s) still waiting: ${missing.slice(0, 5).map((c) => c.id).join(', ')}`);
      });
      log(`  round ${round} answered ${Date.now() - waitStart} ms after the last message (total sent ${sent}, load ${loadAverage()})`);
      for (const conversation of noteHandoffsOnFailure(system, conversations)) {
        log(`  ${conversation.id} handed off to the team by the AI after repeated Front failures: silent from now on`);
      }

      // Human actions between rounds.
      if (round === TAKEOVER_AFTER) {
        for (const conversation of conversations.filter((c) => c.role === 'takeover')) {
          control.teammateReply({ conversationId: conversation.id, teammateId: 'tea_alice', text: 'Alice here, I will take it from here.' });
          conversation.silentFrom = Date.now();
        }
      }
      if (round === ARCHIVE_AFTER) {
        for (const conversation of conversations.filter((c) => c.role === 'archived')) {
          control.archive(conversation.id);
          conversation.silentFrom = Date.now();
        }
      }
      if (round === HANDOFF_ROUND) {
        for (const conversation of conversations.filter((c) => c.role === 'handoff')) conversation.silentFrom = handoffAt(system, conversation.id) ?? Date.now();
      }
    }

    log('all rounds sent; settling (late duplicates, retries, reconciliation)');
    await sleep(Number(process.env.CHAOS_SETTLE_MS ?? 20_000));
    await control.idle();

    // ---- the record ----
    noteHandoffsOnFailure(system, conversations);
    const record = control.record();
    const handoffTag = record.tagsCreated.find((tag) => tag.name === 'ai-handoff')?.tagId;
    let expectedAnswers = 0;
    let replies = 0;
    let missing = 0;
    let duplicates = 0;
    let duplicateComments = 0;
    let duplicateTags = 0;
    let silentViolations = 0;
    let handoffs = 0;
    const problems: string[] = [];
    for (const conversation of conversations) {
      const aiReplies = record.replies.filter((reply) => reply.conversationId === conversation.id && reply.authorId === 'tea_ai');
      const comments = record.comments.filter((comment) => comment.conversationId === conversation.id && comment.authorId === 'tea_ai');
      const tags = record.tagChanges.filter((change) => change.conversationId === conversation.id && handoffTag && change.added.includes(handoffTag));
      expectedAnswers += conversation.expectedReplies + (conversation.expectHandoff ? 1 : 0);
      replies += aiReplies.length;
      handoffs += Math.min(1, comments.length);
      if (aiReplies.length < conversation.expectedReplies) {
        missing += conversation.expectedReplies - aiReplies.length;
        problems.push(`${conversation.id} (${conversation.role}): ${aiReplies.length}/${conversation.expectedReplies} replies`);
      }
      if (aiReplies.length > conversation.expectedReplies) {
        duplicates += aiReplies.length - conversation.expectedReplies;
        problems.push(`${conversation.id} (${conversation.role}): ${aiReplies.length} replies for ${conversation.expectedReplies} answerable messages`);
      }
      if (conversation.expectHandoff && comments.length === 0) {
        missing += 1;
        problems.push(`${conversation.id}: no handoff`);
      }
      if (comments.length > 1) duplicateComments += comments.length - 1;
      if (tags.length > 1) duplicateTags += tags.length - 1;
      if (!conversation.expectHandoff && comments.length > 0) problems.push(`${conversation.id} (${conversation.role}): unexpected handoff comment`);
      if (conversation.silentFrom !== undefined) {
        const late = aiReplies.filter((reply) => reply.at > conversation.silentFrom!).length;
        silentViolations += late;
        if (late) problems.push(`${conversation.id} (${conversation.role}): ${late} AI repl(ies) after the ${conversation.role}`);
      }
    }
    const deliveries = control.webhookDeliveries();
    console.log('\nCounts');
    console.log(`  customer messages sent                 ${sent}`);
    console.log(`  messages that should be answered       ${expectedAnswers}`);
    console.log(`  AI replies                             ${replies}`);
    console.log(`  handoffs (comment)                     ${handoffs}`);
    const onFailure = conversations.filter((c) => c.handedOffOnFailureAt !== undefined).map((c) => c.id);
    console.log(`    of which after repeated Front failures ${onFailure.length}${onFailure.length ? ` (${onFailure.join(', ')})` : ''}`);
    console.log(`  missing answers                        ${missing}`);
    console.log(`  duplicate replies                      ${duplicates}`);
    console.log(`  duplicate comments                     ${duplicateComments}`);
    console.log(`  duplicate ai-handoff tags              ${duplicateTags}`);
    console.log(`  AI replies after takeover/archive/handoff ${silentViolations}`);
    console.log(`  webhook deliveries ${deliveries.length} (duplicates ${deliveries.filter((d) => d.duplicate).length}, failed attempts ${deliveries.filter((d) => d.status === null || d.status >= 300).length})`);
    console.log(`  Front requests ${record.counts.requests}, by status ${JSON.stringify(record.counts.byStatus)}, faults injected ${record.counts.faultsInjected}`);
    for (const id of killedMidReply) {
      const conversation = conversations.find((c) => c.id === id);
      const count = record.replies.filter((r) => r.conversationId === id && r.authorId === 'tea_ai').length;
      console.log(`  killed mid-reply in ${id} (${conversation?.role}): ${count} AI replies for ${conversation?.expectedReplies} answerable messages`);
    }
    console.log(`  service (re)starts ${system.services.map((s) => `${s.id}:${s.starts}`).join(' ')}`);
    for (const problem of problems.slice(0, 30)) console.log(`    - ${problem}`);
    if (problems.length) await reportProblems(system, conversations, problems, logDir);
    console.log('\nChecks');
    check(sent >= 1000 || CONVERSATIONS < 100, `at least 1,000 customer messages (${sent})`);
    check(missing === 0, `every message that should be answered got a reply or a handoff (missing ${missing})`);
    check(duplicates === 0 && duplicateComments === 0 && duplicateTags === 0, `0 duplicate replies, comments or tags (${duplicates}/${duplicateComments}/${duplicateTags})`);
    check(silentViolations === 0, `0 replies after a takeover, archive or handoff (${silentViolations})`);

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

/** For each conversation with a problem: what the sandbox recorded and the session's timeline, in <logDir>/problems.json. */
async function reportProblems(system: E2eSystem, conversations: Conversation[], problems: string[], logDir: string): Promise<void> {
  const record = system.sandbox.control.record();
  const ids = new Set(problems.map((problem) => problem.split(' ')[0].replace(/:$/, '')));
  const report = [];
  for (const conversation of conversations.filter((c) => ids.has(c.id))) {
    const listed = await system.api(system.adminKey, 'GET', `/v1/sessions?conversationId=${conversation.id}`);
    const sessionId: string | undefined = listed.body?.sessions?.[0]?.id;
    const session = sessionId ? (await system.api(system.adminKey, 'GET', `/v1/sessions/${sessionId}`)).body : null;
    report.push({
      conversation,
      replies: record.replies.filter((r) => r.conversationId === conversation.id).map((r) => ({ at: r.at, authorId: r.authorId, messageUid: r.messageUid, text: (r.text ?? r.body).slice(0, 120) })),
      comments: record.comments.filter((c) => c.conversationId === conversation.id).map((c) => ({ at: c.at, authorId: c.authorId })),
      incoming: system.sandbox.control.webhookDeliveries().filter((d) => d.body.includes(`"${conversation.id}"`)).map((d) => ({ startedAt: d.startedAt, eventId: d.eventId, type: d.webhookType, duplicate: d.duplicate, attempt: d.attempt, status: d.status })),
      session,
    });
  }
  const file = join(logDir, 'problems.json');
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`    details: ${file}`);
}

/** Conversations whose latest answerable message has no answer yet (a handoff answers it too). */
function unanswered(system: E2eSystem, conversations: Conversation[]): Conversation[] {
  const record = system.sandbox.control.record();
  const replies = new Map<string, number>();
  for (const reply of record.replies) if (reply.authorId === 'tea_ai') replies.set(reply.conversationId, (replies.get(reply.conversationId) ?? 0) + 1);
  const handedOff = new Set(record.comments.filter((comment) => comment.authorId === 'tea_ai').map((comment) => comment.conversationId));
  return conversations.filter((c) => {
    if (handedOff.has(c.id) && !c.expectHandoff) return false;
    return (replies.get(c.id) ?? 0) < c.expectedReplies || (c.expectHandoff && !handedOff.has(c.id));
  });
}

/**
 * Conversations the AI handed off although the customer did not ask for a
 * human: the handoff answers the message it was about (one reply fewer is
 * expected) and the AI is silent after it. Returns the ones newly seen.
 */
function noteHandoffsOnFailure(system: E2eSystem, conversations: Conversation[]): Conversation[] {
  const comments = system.sandbox.control.record().comments.filter((comment) => comment.authorId === 'tea_ai');
  const noted: Conversation[] = [];
  for (const conversation of conversations) {
    if (conversation.expectHandoff || conversation.handedOffOnFailureAt !== undefined) continue;
    const comment = comments.find((candidate) => candidate.conversationId === conversation.id);
    if (!comment) continue;
    conversation.handedOffOnFailureAt = comment.at;
    conversation.expectHandoff = true;
    conversation.expectedReplies -= 1;
    conversation.silentFrom = Math.min(conversation.silentFrom ?? Infinity, comment.at);
    noted.push(conversation);
  }
  return noted;
}

function handoffAt(system: E2eSystem, conversationId: string): number | undefined {
  return system.sandbox.control.record().comments.find((comment) => comment.conversationId === conversationId && comment.authorId === 'tea_ai')?.at;
}

interface Fault {
  name: string;
  /** Runs alongside the round's messages (which take `spreadMs`); resolves when the system is whole again. */
  during(spreadMs: number): Promise<void>;
}

function faultFor(round: number, system: E2eSystem): Fault {
  const control = system.sandbox.control;
  const proxies = () => system.services.flatMap((service) => (service.proxies ? [service.proxies] : []));
  switch (round) {
    case 1:
      return { name: '10% duplicate webhooks, reordered within 300 ms', during: async () => undefined };
    case 2:
      return {
        name: 'ai-responder SIGKILLed between the Front reply call and the ack, then restarted',
        during: async () => {
          const [responder] = system.of('ai-responder');
          const killedAt = await killOnNextReply(system, responder);
          log(`  killed ${responder.id} as Front accepted a reply for ${killedAt}`);
          killedMidReply.push(killedAt);
          await responder.kill('SIGKILL');
          await responder.start();
          log(`  ${responder.id} restarted`);
        },
      };
    case 3:
      return {
        name: 'conversation-sync SIGKILLed mid-round, then restarted',
        during: async (spreadMs) => {
          await sleep(spreadMs / 2);
          for (const sync of system.of('conversation-sync')) await sync.kill('SIGKILL');
          log('  conversation-sync killed');
          await sleep(1_000);
          for (const sync of system.of('conversation-sync')) await sync.start();
          log('  conversation-sync restarted');
        },
      };
    case 4:
      return {
        name: REAL_RESTARTS ? 'RabbitMQ restarted (rabbitmqctl stop_app/start_app)' : `RabbitMQ "restarted": every service's AMQP connection cut for ${OUTAGE_MS} ms`,
        during: async (spreadMs) => {
          await sleep(spreadMs / 3);
          if (REAL_RESTARTS) {
            await run('rabbitmqctl', ['stop_app']);
            await sleep(OUTAGE_MS);
            await run('rabbitmqctl', ['start_app']);
          } else {
            for (const proxy of proxies()) proxy.amqp.cut();
            await sleep(OUTAGE_MS);
            for (const proxy of proxies()) proxy.amqp.restore();
          }
          log('  broker back');
          await waitReady(system);
        },
      };
    case 5:
      return {
        name: REAL_RESTARTS ? 'PostgreSQL restarted (pg_ctlcluster restart)' : `PostgreSQL "restarted": every service's Postgres connection cut for ${OUTAGE_MS} ms`,
        during: async (spreadMs) => {
          await sleep(spreadMs / 3);
          if (REAL_RESTARTS) {
            const { stdout } = await run('pg_lsclusters', ['--no-header']);
            const [version, cluster] = stdout.trim().split('\n')[0].split(/\s+/);
            await run('pg_ctlcluster', [version, cluster, 'restart']);
          } else {
            for (const proxy of proxies()) proxy.pg.cut();
            await sleep(OUTAGE_MS);
            for (const proxy of proxies()) proxy.pg.restore();
          }
          log('  database back');
          await waitReady(system);
        },
      };
    case 6:
      return {
        name: 'the sandbox answers 429 bursts and 503s on the reply route',
        during: async (spreadMs) => {
          const route = { method: 'POST', path: '/conversations/{conversation_id}/messages' };
          // A burst of 429s first, then 5xx on a share of the attempts once the burst is spent.
          const rules = [
            control.addFault({ ...route, status: 429, retryAfterSeconds: 1, times: 10 }),
            control.addFault({ ...route, status: 503, ratio: 0.3, times: 15 }),
            control.addFault({ ...route, status: 502, ratio: 0.1, times: 5 }),
          ];
          const spent = () => control.faults().every((rule) => rule.hits >= (rule.times ?? Infinity));
          await sleep(spreadMs);
          await waitFor(spent, 20_000, 'the fault bursts to be spent', 250).catch(() => undefined);
          const hits = control.faults().map((rule) => `${rule.status}x${rule.hits}`);
          for (const rule of rules) control.removeFault(rule.id);
          log(`  faults applied: ${hits.join(', ')}`);
        },
      };
    default:
      return { name: 'calm (duplicates and reordering continue)', during: async () => undefined };
  }
}

/** Resolves with the conversation id once the responder was SIGKILLed as the sandbox accepted one of its replies. */
function killOnNextReply(system: E2eSystem, responder: ServiceProcess): Promise<string> {
  const replies = system.sandbox.control.record().replies;
  const original = replies.push;
  return new Promise((resolvePromise) => {
    replies.push = function (...items) {
      const length = original.apply(this, items);
      replies.push = original;
      // The sandbox has accepted the reply but not answered the HTTP request yet.
      responder.killNow();
      resolvePromise(items[0]?.conversationId ?? '?');
      return length;
    };
  });
}

async function waitReady(system: E2eSystem): Promise<void> {
  await waitFor(
    async () => {
      const states = await Promise.all(
        system.services.map((service) => fetch(`${service.url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok).catch(() => false)),
      );
      return states.every(Boolean);
    },
    60_000,
    'every service ready again',
    250,
  ).catch((error: Error) => log(`  ${error.message}`));
}

interface BrokerCapture {
  messages: string[];
  close(): Promise<void>;
}

/** A queue bound to every routing key of both exchanges, kept in memory, for the leak check. */
async function captureBroker(url: string): Promise<BrokerCapture> {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  for (const exchange of ['front.events', 'agent.events']) {
    await channel.checkExchange(exchange);
    await channel.bindQueue(queue, exchange, '#');
  }
  const messages: string[] = [];
  await channel.consume(queue, (message) => {
    if (message) messages.push(`${JSON.stringify(message.properties.headers ?? {})} ${message.content.toString('utf8')}`);
  }, { noAck: true });
  let closed = false;
  return {
    messages,
    close: async () => {
      if (closed) return;
      closed = true;
      await connection.close().catch(() => undefined);
    },
  };
}

async function deadLetters(vhost: string, url: string): Promise<{ name: string; messages: number; samples: string[] }[]> {
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_queues', '-p', vhost, 'name', 'messages']);
  const queues = stdout
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([name]) => name && name.endsWith('.dlq'))
    .map(([name, messages]) => ({ name, messages: Number(messages), samples: [] as string[] }));
  const nonEmpty = queues.filter((queue) => queue.messages > 0);
  if (nonEmpty.length) {
    const connection = await amqp.connect(url);
    const channel = await connection.createChannel();
    for (const queue of nonEmpty) {
      for (let i = 0; i < Math.min(3, queue.messages); i += 1) {
        const message = await channel.get(queue.name, { noAck: false });
        if (!message) break;
        const headers = message.properties.headers ?? {};
        queue.samples.push(`${message.fields.routingKey} ${JSON.stringify(headers['x-death'] ?? headers).slice(0, 200)} ${message.content.toString('utf8').slice(0, 200)}`);
      }
    }
    await connection.close();
  }
  return queues;
}

/** Another org's key against the first org's resources: 50 attempts. */
async function crossTenant(system: E2eSystem, conversationIds: string[]): Promise<{ attempts: number; successes: number; details: string[] }> {
  const other = system.createOrg('Intruder');
  const own = await system.api(system.adminKey, 'GET', '/v1/sessions');
  const sessionIds: string[] = (own.body?.sessions ?? []).map((session: { id: string }) => session.id);
  const integration = await system.api(system.adminKey, 'GET', '/v1/integrations/front');
  const integrationId: string | undefined = integration.body?.id;
  const before = JSON.stringify(integration.body);
  const secretsOfA = [system.orgId, integrationId, ...sessionIds.slice(0, 20)].filter((value): value is string => Boolean(value));
  const leaksA = (body: unknown) => secretsOfA.some((value) => JSON.stringify(body ?? '').includes(value));
  let attempts = 0;
  let successes = 0;
  const details: string[] = [];
  const attempt = async (method: string, path: string, body?: unknown, ok?: (result: { status: number; body: unknown }) => boolean) => {
    attempts += 1;
    const result = await system.api(other.adminKey, method, path, body);
    const succeeded = ok ? ok(result) : result.status < 300 && leaksA(result.body);
    if (succeeded) {
      successes += 1;
      details.push(`${method} ${path} -> ${result.status}`);
    }
  };
  for (let i = 0; i < 13; i += 1) await attempt('GET', `/v1/sessions/${sessionIds[i % Math.max(1, sessionIds.length)] ?? 'none'}`);
  for (let i = 0; i < 10; i += 1) await attempt('GET', `/v1/sessions?conversationId=${conversationIds[i]}`);
  for (let i = 0; i < 5; i += 1) await attempt('GET', `/v1/sessions/${sessionIds[i] ?? 'none'}?orgId=${system.orgId}`);
  await attempt('GET', `/v1/sessions?orgId=${system.orgId}`);
  for (const path of ['/v1/integrations/front', '/v1/integrations/front/status', '/v1/integrations/front/knowledge', '/v1/integrations/front/teammates', '/v1/audit', '/v1/dead-letters', '/v1/analytics']) {
    await attempt('GET', path);
    await attempt('GET', `${path}?orgId=${system.orgId}`);
  }
  await attempt('PATCH', '/v1/integrations/front', { enabled: false });
  await attempt('DELETE', '/v1/integrations/front');
  await attempt('POST', '/v1/integrations/front/knowledge/sync');
  await attempt('POST', `/v1/dead-letters/${sessionIds[0] ?? 'none'}/replay`);
  // A raw request with the victim's org id in a header.
  attempts += 1;
  const spoofed = await fetch(`${system.settingsUrl}/v1/sessions`, { headers: { authorization: `Bearer ${other.adminKey}`, 'x-org-id': system.orgId } });
  if (spoofed.ok && leaksA(await spoofed.json().catch(() => ({})))) {
    successes += 1;
    details.push('GET /v1/sessions with x-org-id');
  }
  // A forged key, and the first org's integration unchanged by all this.
  attempts += 1;
  const forged = await fetch(`${system.settingsUrl}/v1/sessions`, { headers: { authorization: `Bearer fa_${system.orgId}_forged` } });
  if (forged.ok) {
    successes += 1;
    details.push(`GET /v1/sessions with a forged key -> ${forged.status}`);
  }
  const after = await system.api(system.adminKey, 'GET', '/v1/integrations/front');
  attempts += 1;
  if (JSON.stringify(after.body) !== before) {
    successes += 1;
    details.push('the first org\'s integration changed');
  }
  return { attempts, successes, details };
}

async function findLeaks(system: E2eSystem, logDir: string, brokerMessages: string[]): Promise<{ found: string[]; scanned: string[] }> {
  const needles = { 'Front token': system.apiToken, 'signing secret': system.appSecret };
  const found: string[] = [];
  const scanned: string[] = [];
  const scan = (where: string, text: string) => {
    for (const [name, value] of Object.entries(needles)) if (text.includes(value)) found.push(`${name} in ${where}`);
  };
  let logBytes = 0;
  for (const file of readdirSync(logDir)) {
    const text = readFileSync(join(logDir, file), 'utf8');
    logBytes += text.length;
    scan(`log ${file}`, text);
  }
  scanned.push(`${readdirSync(logDir).length} service logs (${(logBytes / 1024).toFixed(0)} KiB)`);
  const { stdout: dump } = await run('pg_dump', ['--data-only', system.database.url], { maxBuffer: 512 * 1024 * 1024 });
  scan('the database (pg_dump)', dump);
  scanned.push(`database dump (${(dump.length / 1024).toFixed(0)} KiB)`);
  scan('a broker message', brokerMessages.join('\n'));
  scanned.push(`${brokerMessages.length} broker messages`);
  scan('an API response', system.apiResponses.join('\n'));
  scanned.push(`${system.apiResponses.length} API responses`);
  return { found, scanned };
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
