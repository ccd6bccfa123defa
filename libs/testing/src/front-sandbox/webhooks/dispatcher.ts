import { randomBytes } from 'node:crypto';
import type { SandboxCore } from '../domain/sandbox-core';
import type { SandboxEvent } from '../state/types';
import { frontJson, signApplicationWebhook, signRuleWebhook } from './signing';
import type { ChallengeResult, DeliveryAttempt, WebhookTarget, WebhookTargetConfig } from './webhook-config';
import { withDefaults } from './webhook-config';
import { APPLICATION_WEBHOOK_TYPES, applicationEnvelope, previewEvent } from './webhook-types';
import { postWebhook } from './webhook-post';

/** Long demo and benchmark runs keep only the latest delivery attempts. */
const MAX_DELIVERIES_KEPT = 10_000;

interface Outgoing {
  target: WebhookTarget;
  eventId: string | null;
  webhookType: string;
  body: string;
  duplicate: boolean;
}

/**
 * Sends every event to the configured webhook targets the way Front does:
 * application format (signed envelope, retried) or rule format (bare event,
 * SHA1-signed, not retried by default), with optional duplicates and reordering.
 */
export class WebhookDispatcher {
  private targets: WebhookTarget[] = [];
  private deliveries: DeliveryAttempt[] = [];
  private challenges: ChallengeResult[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Per target: first attempts waiting for a slot, in event order, and how many are in flight. */
  private readonly senders = new Map<string, { waiting: Array<() => void>; inFlight: number }>();
  private generation = 0;
  private counter = 0;
  private attempts = 0;

  constructor(private readonly core: SandboxCore) {
    core.events.onEvent((event) => this.dispatch(event));
  }

  /** Replace all targets with this one (PUT /_sandbox/webhook). */
  configure(config: WebhookTargetConfig): WebhookTarget {
    this.targets = [];
    return this.addTarget(config);
  }

  addTarget(config: WebhookTargetConfig): WebhookTarget {
    if (!config.url) throw new Error('A webhook target needs a url');
    if (config.format !== 'application' && config.format !== 'rule') throw new Error("format must be 'application' or 'rule'");
    if (config.concurrency !== undefined && !(Number.isInteger(config.concurrency) && config.concurrency >= 1 && config.concurrency <= 64)) {
      throw new Error('concurrency must be an integer from 1 to 64');
    }
    this.counter += 1;
    const target = withDefaults(`wh_${this.counter}`, config, this.core.store.secrets);
    this.targets.push(target);
    return target;
  }

  removeTargets(): void {
    this.targets = [];
  }

  listTargets(): WebhookTarget[] {
    return [...this.targets];
  }

  listDeliveries(): DeliveryAttempt[] {
    return [...this.deliveries];
  }

  listChallenges(): ChallengeResult[] {
    return [...this.challenges];
  }

  /** Forget targets, deliveries and challenges (sandbox reset); in-flight sends are no longer recorded. */
  reset(): void {
    this.generation += 1;
    this.targets = [];
    this.deliveries = [];
    this.challenges = [];
  }

  /** Resolves when no delivery (including retries and delayed reorders) is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Front's validation request: a signed `sync` POST carrying x-front-challenge. */
  async challenge(targetId?: string): Promise<ChallengeResult[]> {
    const targets = this.targets.filter((t) => (targetId ? t.id === targetId : t.format === 'application'));
    const results = await Promise.all(targets.map((target) => this.sendChallenge(target)));
    this.challenges.push(...results);
    return results;
  }

  private dispatch(event: SandboxEvent): void {
    for (const target of this.targets) {
      if (event.isPrivate && !target.includePrivateInboxes) continue;
      const webhookType =
        target.format === 'application' ? (target.typeNames[event.type] ?? APPLICATION_WEBHOOK_TYPES[event.type]) : event.type;
      const payload = event.payload;
      const value =
        target.format === 'application'
          ? applicationEnvelope(webhookType, this.core.store.company.id, payload)
          : target.preview
            ? previewEvent(payload)
            : payload;
      const outgoing: Outgoing = { target, eventId: event.id, webhookType, body: frontJson(value, target.escapeHtml), duplicate: false };
      this.track(this.deliver(outgoing));
      if (target.duplicateRate > 0 && this.core.store.random() < target.duplicateRate) {
        this.track(this.deliver({ ...outgoing, duplicate: true }));
      }
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /**
   * In order per target: first attempts start in event order, `concurrency` at
   * a time (one by default: each waits for the previous answer), unless
   * `reorder`; retries run on their own so a failing event does not hold up the next.
   */
  private async deliver(outgoing: Outgoing): Promise<void> {
    const { target } = outgoing;
    const generation = this.generation;
    let delivered: boolean;
    if (target.reorder) {
      await sleep(this.core.store.random() * target.reorderWindowMs);
      delivered = await this.attemptAndRecord(outgoing, 1, generation);
    } else {
      const release = await this.slot(target);
      try {
        delivered = await this.attemptAndRecord(outgoing, 1, generation);
      } finally {
        release();
      }
    }
    if (!delivered) await this.retry(outgoing, 2, generation);
  }

  /** Waits for one of the target's `concurrency` slots, first come first served; resolves with its release. */
  private async slot(target: WebhookTarget): Promise<() => void> {
    let sender = this.senders.get(target.id);
    if (!sender) {
      sender = { waiting: [], inFlight: 0 };
      this.senders.set(target.id, sender);
    }
    const own = sender;
    if (own.inFlight >= target.concurrency || own.waiting.length > 0) {
      await new Promise<void>((resolve) => own.waiting.push(resolve));
    } else {
      own.inFlight += 1;
    }
    return () => {
      const next = own.waiting.shift();
      // The slot passes straight to the next waiter: inFlight stays as it is.
      if (next) next();
      else own.inFlight -= 1;
    };
  }

  private async retry(outgoing: Outgoing, from: number, generation: number): Promise<void> {
    const { target } = outgoing;
    for (let attempt = from; attempt <= target.maxRetries + 1; attempt += 1) {
      await sleep(target.retryDelaysMs[Math.min(attempt - 2, target.retryDelaysMs.length - 1)] ?? 0);
      if (await this.attemptAndRecord(outgoing, attempt, generation)) return;
    }
  }

  /** True when done: delivered (2xx) or the sandbox was reset meanwhile. */
  private async attemptAndRecord(outgoing: Outgoing, attempt: number, generation: number): Promise<boolean> {
    const record = await this.attempt(outgoing, attempt);
    if (generation !== this.generation) return true;
    this.deliveries.push(record);
    if (this.deliveries.length > MAX_DELIVERIES_KEPT) this.deliveries.splice(0, this.deliveries.length - MAX_DELIVERIES_KEPT);
    return record.status !== null && record.status >= 200 && record.status < 300;
  }

  private async attempt(outgoing: Outgoing, attempt: number): Promise<DeliveryAttempt> {
    const { target, body } = outgoing;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (target.format === 'application') {
      const timestamp = String(this.core.store.nowMs());
      headers['x-front-request-timestamp'] = timestamp;
      headers['x-front-signature'] = signApplicationWebhook(target.appSecret, timestamp, body);
    } else {
      headers['X-Front-Signature'] = signRuleWebhook(target.ruleSecret, body);
    }
    const startedAt = Date.now();
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await postWebhook(target.url, headers, body, target.timeoutMs);
    } catch (cause) {
      error = describeError(cause);
    }
    return {
      id: `dlv_${(this.attempts += 1)}`,
      targetId: target.id,
      url: target.url,
      format: target.format,
      eventId: outgoing.eventId,
      webhookType: outgoing.webhookType,
      attempt,
      duplicate: outgoing.duplicate,
      status,
      error,
      startedAt,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      headers,
      body,
    };
  }

  private async sendChallenge(target: WebhookTarget): Promise<ChallengeResult> {
    const challenge = randomBytes(16).toString('hex');
    const body = frontJson({ type: 'sync', authorization: { id: this.core.store.company.id } });
    const timestamp = String(this.core.store.nowMs());
    const headers = {
      'content-type': 'application/json',
      'x-front-request-timestamp': timestamp,
      'x-front-signature': signApplicationWebhook(target.appSecret, timestamp, body),
      'x-front-challenge': challenge,
    };
    const started = performance.now();
    try {
      const response = await fetch(target.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(target.timeoutMs) });
      const text = await response.text();
      let answered: unknown = text;
      try {
        answered = (JSON.parse(text) as { challenge?: unknown }).challenge;
      } catch {
        // A plain-text answer: compared as is.
      }
      const echoed = response.status >= 200 && response.status < 300 && answered === challenge;
      return { targetId: target.id, challenge, status: response.status, echoed, response: text, durationMs: elapsed(started) };
    } catch (cause) {
      return { targetId: target.id, challenge, status: null, echoed: false, response: describeError(cause), durationMs: elapsed(started) };
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function describeError(cause: unknown): string {
  const error = cause as Error & { code?: string; cause?: { code?: string; message?: string } };
  return error.cause?.code ?? error.code ?? error.cause?.message ?? error.name ?? String(cause);
}
