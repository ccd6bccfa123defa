/**
 * The load and the measurement of bench:e2e's overhead phase, shared with
 * bench:e2e-floor so both drive the same conversations and count the same
 * way: new conversations at a fixed rate (one customer message each,
 * assigned to the AI teammate), overhead = the AI's answer accepted by the
 * sandbox − the first webhook attempt of the message's event leaving it.
 */
import type { SandboxControl } from '@front-agent/testing';
import { percentile, sleep, waitFor } from './bench-helpers';

/**
 * Webhooks the sandbox has in flight at once (BENCH_WEBHOOK_CONCURRENCY, default 8), started in
 * event order. Front promises no order; one at a time, the sandbox itself capped the rate at one
 * webhook per ingress round trip and held events back where the overhead does not count them.
 */
export const WEBHOOK_CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 8);

export const QUESTION = 'How do I reset my password?';
export const AI_TEAMMATE_ID = 'tea_ai';

export interface SentConversation {
  conversationId: string;
  eventId: string;
  /** When the customer message (and its event) was created in the sandbox. */
  createdAt: number;
}

export interface OverheadFigures {
  answered: number;
  /** Answered with a comment (a handoff) rather than a reply. */
  handedOff: number;
  /** Answers per second between the first webhook and the last answer. */
  sustained: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** When the AI's first answer (a reply, or the handoff comment) reached the sandbox, per conversation; reads the record incrementally. */
export class AnswerIndex {
  private replies = 0;
  private comments = 0;
  private readonly map = new Map<string, number>();

  constructor(private readonly control: SandboxControl) {}

  at(conversationId: string): number | undefined {
    const record = this.control.record();
    if (this.replies > record.replies.length || this.comments > record.comments.length) {
      this.replies = 0;
      this.comments = 0;
      this.map.clear();
    }
    for (; this.replies < record.replies.length; this.replies += 1) {
      const reply = record.replies[this.replies];
      if (reply.authorId === AI_TEAMMATE_ID && !this.map.has(reply.conversationId)) this.map.set(reply.conversationId, reply.at);
    }
    for (; this.comments < record.comments.length; this.comments += 1) {
      const comment = record.comments[this.comments];
      if (comment.authorId === AI_TEAMMATE_ID && !this.map.has(comment.conversationId)) this.map.set(comment.conversationId, comment.at);
    }
    return this.map.get(conversationId);
  }
}

/** A few conversations through every process before measuring; waits for their answers. */
export async function warmUp(control: SandboxControl, answers: AnswerIndex, count = 10): Promise<string[]> {
  const warm = Array.from({ length: count }, (_, i) =>
    control.customerMessage({ channel: 'email', handle: `warm${i}@bench.test`, text: QUESTION, assigneeId: AI_TEAMMATE_ID }).conversationId,
  );
  await waitFor(() => warm.every((id) => answers.at(id) !== undefined), 60_000, 'warm-up answers');
  return warm;
}

/** `rate` new conversations a second for `durationS` seconds, paced from the start (no drift). */
export async function offerConversations(control: SandboxControl, rate: number, durationS: number): Promise<{ sent: SentConversation[]; sendRate: number }> {
  const total = Math.max(1, Math.round(rate * durationS));
  const sent: SentConversation[] = [];
  const started = Date.now();
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / rate - Date.now();
    if (wait > 1) await sleep(wait);
    const createdAt = Date.now();
    const result = control.customerMessage({ channel: 'email', handle: `c${i}@bench.test`, text: QUESTION, assigneeId: AI_TEAMMATE_ID });
    sent.push({ conversationId: result.conversationId, eventId: result.eventId, createdAt });
  }
  return { sent, sendRate: total / ((Date.now() - started) / 1000) };
}

/** Bounded drain: above the sustainable rate the queue grows, and the run reports what was answered. */
export async function drain(answers: AnswerIndex, sent: SentConversation[], drainS: number): Promise<void> {
  await waitFor(() => sent.every(({ conversationId }) => answers.at(conversationId) !== undefined), drainS * 1000, 'every answer', 250).catch(
    (error: Error) => console.warn(`  ${error.message} (answers still missing are left out of the percentiles)`),
  );
}

/** When each event's first (non-duplicate) webhook attempt left the sandbox. */
export function firstWebhookAttempts(control: SandboxControl): Map<string, number> {
  const firstAttempt = new Map<string, number>();
  for (const delivery of control.webhookDeliveries()) {
    if (!delivery.eventId || delivery.duplicate) continue;
    const known = firstAttempt.get(delivery.eventId);
    if (known === undefined || delivery.startedAt < known) firstAttempt.set(delivery.eventId, delivery.startedAt);
  }
  return firstAttempt;
}

/** Overhead percentiles and sustained rate of the answered conversations; `deductMs` (e.g. LLM time) comes off each overhead. */
export function overheadFigures(control: SandboxControl, sent: SentConversation[], answers: AnswerIndex, deductMs = 0): OverheadFigures {
  const firstAttempt = firstWebhookAttempts(control);
  const replied = new Set(control.record().replies.map((reply) => reply.conversationId));
  const overheads: number[] = [];
  let handedOff = 0;
  let lastAt = 0;
  let firstAt = Infinity;
  for (const { conversationId, eventId } of sent) {
    const at = answers.at(conversationId);
    const leftAt = firstAttempt.get(eventId);
    if (at === undefined || leftAt === undefined) continue;
    if (!replied.has(conversationId)) handedOff += 1;
    overheads.push(at - leftAt - deductMs);
    lastAt = Math.max(lastAt, at);
    firstAt = Math.min(firstAt, leftAt);
  }
  overheads.sort((a, b) => a - b);
  return {
    answered: overheads.length,
    handedOff,
    sustained: overheads.length / ((lastAt - firstAt) / 1000),
    p50: percentile(overheads, 50),
    p95: percentile(overheads, 95),
    p99: percentile(overheads, 99),
    max: overheads[overheads.length - 1] ?? NaN,
  };
}

/**
 * The sandbox sends a target's webhooks one at a time (each waits for the
 * previous answer): how busy that sender was over the run, and how long the
 * customer messages' events waited in it before leaving (not in the overhead).
 */
export function webhookSender(control: SandboxControl, sent: SentConversation[]): string {
  const firstAttempt = firstWebhookAttempts(control);
  const from = Math.min(...sent.map(({ createdAt }) => createdAt));
  const deliveries = control.webhookDeliveries().filter((delivery) => delivery.startedAt >= from);
  const to = Math.max(...deliveries.map((delivery) => delivery.startedAt + delivery.durationMs));
  const roundTrips = deliveries.map((delivery) => delivery.durationMs).sort((a, b) => a - b);
  const busyMs = roundTrips.reduce((sum, ms) => sum + ms, 0);
  const waits = sent.map(({ eventId, createdAt }) => (firstAttempt.get(eventId) ?? NaN) - createdAt).filter(Number.isFinite).sort((a, b) => a - b);
  return (
    `sandbox webhook sender: ${(deliveries.length / sent.length).toFixed(1)} webhooks per conversation, round trip p50 ${percentile(roundTrips, 50)} ms,` +
    ` busy ${((100 * busyMs) / (to - from) / WEBHOOK_CONCURRENCY).toFixed(0)}% of the run (${WEBHOOK_CONCURRENCY} at once); customer messages' events waited in it p50 ${percentile(waits, 50)} ms, p99 ${percentile(waits, 99)} ms`
  );
}
