import { InvalidMessageError, parseMessage } from '@front-agent/contracts';
import { Logger } from '@nestjs/common';
import { inboxConsumerOf, inboxKeyOf, type InboxStore } from '../inbox/inbox-store';
import { HEADER, truncateForHeader } from '../publishing/message-headers';
import type { ServiceQueues } from '../topology/topology';
import { AmqpContext } from './amqp-context';
import type { Delivery } from './delivery';
import { DeferDeliveryError, isDeferral, MAX_DEFERRALS } from './defer-delivery';
import { failureText } from './handler-failure';

/** A message the transport gave up on, as the `onDeadLetter` hook receives it. */
export interface DeadLetter {
  service: string;
  queue: string;
  routingKey: string;
  exchange: string;
  messageId?: string;
  orgId?: string;
  /** `invalid_message` (never retried) or `handler_failed` (after the last attempt). */
  kind: 'invalid_message' | 'handler_failed';
  error: string;
  attempts: number;
  /** The message as received (UTF-8), so it can be replayed. */
  body: string;
}

/**
 * Extras of `@EventPattern(pattern, extras)`. `inbox: false` runs the handler
 * without an inbox row or a transaction of its own: for handlers idempotent by
 * themselves that mostly read, where the inbox would cost a write and three
 * round trips for every event.
 */
export interface EventHandlerExtras {
  inbox?: boolean;
}

/** One @EventPattern handler a routing key matched. */
export interface EventRoute {
  pattern: string;
  /** Whether the handler runs once through the inbox (the default) or on every delivery. */
  inbox: boolean;
  invoke(message: object, context: AmqpContext): Promise<unknown>;
}

export interface EventDeliveryOptions {
  serviceName: string;
  queues: ServiceQueues;
  inbox: InboxStore;
  retryDelaysMs: readonly number[];
  /** Delays a deferral may choose from (the retry delays and a few more), ascending. */
  deferDelaysMs: readonly number[];
  maxAttempts: number;
  confirmTimeoutMs: number;
  routesFor(routingKey: string): EventRoute[];
  onDeadLetter?: (deadLetter: DeadLetter) => void | Promise<void>;
}

interface DeliveryFacts {
  routingKey: string;
  exchange: string;
  attempt: number;
  messageId?: string;
  orgId?: string;
}

/**
 * What happens to one event delivery: parse, validate, run each matching
 * handler once through the inbox, then ack; on failure republish to the
 * retry queue (with confirm) and ack; after the last attempt, or for an
 * invalid message, publish to the dead-letter queue and ack. Never requeues
 * in a loop: a requeue happens only when the retry/DLQ publish itself failed,
 * and the queue's delivery limit bounds it.
 */
export class EventDeliveryProcessor {
  private readonly logger = new Logger('AmqpTransport');

  constructor(private readonly options: EventDeliveryOptions) {}

  async process(delivery: Delivery): Promise<void> {
    const facts = readFacts(delivery);
    let raw: unknown;
    try {
      raw = JSON.parse(delivery.message.content.toString('utf8'));
    } catch (error) {
      return this.deadLetter(delivery, facts, 'invalid_message', `unparseable JSON: ${(error as Error).message}`);
    }
    const routes = this.options.routesFor(facts.routingKey);
    if (routes.length === 0) {
      this.logger.debug({ msg: 'no handler, dropped', routingKey: facts.routingKey, messageId: facts.messageId });
      delivery.ack();
      return;
    }
    let message: object;
    try {
      message = parseMessage(facts.routingKey, raw);
    } catch (error) {
      if (!(error instanceof InvalidMessageError)) throw error;
      return this.deadLetter(delivery, facts, 'invalid_message', error.message);
    }
    const envelope = message as { messageId?: string; orgId?: string };
    const known = { ...facts, messageId: envelope.messageId ?? facts.messageId, orgId: envelope.orgId ?? facts.orgId };
    if (!known.messageId) return this.deadLetter(delivery, known, 'invalid_message', 'message has no messageId');
    try {
      for (const route of routes) {
        await this.runOnce(route, message, delivery, known, known.messageId);
      }
    } catch (error) {
      if (isDeferral(error)) return this.defer(delivery, known, error);
      return this.retryOrDeadLetter(delivery, known, failureText(error));
    }
    delivery.ack();
  }

  /** Not a failure: back through the retry queue nearest the wanted delay, the attempt unchanged. */
  private async defer(delivery: Delivery, facts: DeliveryFacts, deferral: DeferDeliveryError): Promise<void> {
    const deferrals = Number(delivery.message.properties.headers?.[HEADER.deferrals] ?? 0);
    if (deferrals >= MAX_DEFERRALS) return this.retryOrDeadLetter(delivery, facts, `deferred ${deferrals} times: ${deferral.reason}`);
    const delays = this.options.deferDelaysMs;
    const delayMs = delays.find((delay) => delay >= deferral.delayMs) ?? delays[delays.length - 1];
    this.logger.log({ msg: 'deferred', routingKey: facts.routingKey, messageId: facts.messageId, orgId: facts.orgId, reason: deferral.reason, delayMs });
    await this.republish(delivery, this.options.queues.retry(delayMs), {
      ...carriedHeaders(delivery, facts),
      [HEADER.attempt]: facts.attempt,
      [HEADER.deferrals]: deferrals + 1,
    });
  }

  private async runOnce(
    route: EventRoute,
    message: object,
    delivery: Delivery,
    facts: DeliveryFacts,
    messageId: string,
  ): Promise<void> {
    const context = new AmqpContext([delivery.message, facts.routingKey, route.pattern, facts.attempt]);
    if (!route.inbox) {
      await route.invoke(message, context);
      return;
    }
    const consumer = inboxConsumerOf(this.options.serviceName, route.pattern);
    const { duplicate } = await this.options.inbox.runOnce(consumer, inboxKeyOf(facts.orgId, messageId), () => route.invoke(message, context));
    if (duplicate) this.logger.debug({ msg: 'duplicate skipped', consumer, messageId, orgId: facts.orgId });
  }

  private async retryOrDeadLetter(delivery: Delivery, facts: DeliveryFacts, error: string): Promise<void> {
    if (facts.attempt >= this.options.maxAttempts) {
      return this.deadLetter(delivery, facts, 'handler_failed', error);
    }
    const delays = this.options.retryDelaysMs;
    const delayMs = delays[Math.min(facts.attempt, delays.length) - 1];
    const retryQueue = this.options.queues.retry(delayMs);
    this.logger.warn({
      msg: 'handler failed, retrying',
      routingKey: facts.routingKey,
      messageId: facts.messageId,
      orgId: facts.orgId,
      attempt: facts.attempt,
      delayMs,
      error,
    });
    await this.republish(delivery, retryQueue, {
      ...carriedHeaders(delivery, facts),
      [HEADER.attempt]: facts.attempt + 1,
      [HEADER.lastError]: truncateForHeader(error),
    });
  }

  private async deadLetter(
    delivery: Delivery,
    facts: DeliveryFacts,
    kind: DeadLetter['kind'],
    error: string,
  ): Promise<void> {
    const deadLetter: DeadLetter = {
      service: this.options.serviceName,
      queue: this.options.queues.events,
      routingKey: facts.routingKey,
      exchange: facts.exchange,
      messageId: facts.messageId,
      orgId: facts.orgId,
      kind,
      error,
      attempts: facts.attempt,
      body: delivery.message.content.toString('utf8'),
    };
    const { body: _body, ...logged } = deadLetter;
    this.logger.error({ msg: 'dead-lettered', ...logged });
    const published = await this.republish(delivery, this.options.queues.dlq, {
      ...carriedHeaders(delivery, facts),
      [HEADER.deathReason]: truncateForHeader(error),
      [HEADER.deathKind]: kind,
      [HEADER.attempts]: facts.attempt,
      [HEADER.deadLetteredBy]: this.options.serviceName,
      [HEADER.deadLetteredAt]: new Date().toISOString(),
    });
    if (published) await this.notifyDeadLetter(deadLetter);
  }

  /** Publishes a copy to `queue` (default exchange) with confirm, then acks the original. */
  private async republish(delivery: Delivery, queue: string, headers: Record<string, unknown>): Promise<boolean> {
    // A dead channel means the broker redelivers the original: republishing
    // too would start a second retry chain.
    if (!delivery.channelOpen) return false;
    const { properties, content } = delivery.message;
    try {
      await delivery.publishConfirmed(
        '',
        queue,
        content,
        {
          persistent: true,
          contentType: properties.contentType ?? 'application/json',
          messageId: properties.messageId,
          correlationId: properties.correlationId,
          timestamp: properties.timestamp,
          type: properties.type,
          headers,
        },
        this.options.confirmTimeoutMs,
      );
    } catch (error) {
      this.logger.error({ msg: 'republish failed, requeueing', queue, reason: (error as Error).message });
      delivery.requeue();
      return false;
    }
    delivery.ack();
    return true;
  }

  private async notifyDeadLetter(deadLetter: DeadLetter): Promise<void> {
    try {
      await this.options.onDeadLetter?.(deadLetter);
    } catch (error) {
      this.logger.error({ msg: 'onDeadLetter hook failed', messageId: deadLetter.messageId, reason: String(error) });
    }
  }
}

function readFacts(delivery: Delivery): DeliveryFacts {
  const { fields, properties } = delivery.message;
  const headers = (properties.headers ?? {}) as Record<string, unknown>;
  const attempt = Number(headers[HEADER.attempt] ?? 1);
  return {
    routingKey: stringHeader(headers[HEADER.originalRoutingKey]) ?? fields.routingKey,
    exchange: stringHeader(headers[HEADER.originalExchange]) ?? fields.exchange,
    attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1,
    messageId: stringHeader(properties.messageId),
    orgId: stringHeader(headers[HEADER.orgId]),
  };
}

/** Headers a retry or dead letter keeps; `x-death` is left behind so it does not grow each round. */
function carriedHeaders(delivery: Delivery, facts: DeliveryFacts): Record<string, unknown> {
  const headers = (delivery.message.properties.headers ?? {}) as Record<string, unknown>;
  return {
    [HEADER.orgId]: facts.orgId,
    [HEADER.schemaVersion]: headers[HEADER.schemaVersion],
    [HEADER.originalRoutingKey]: facts.routingKey,
    [HEADER.originalExchange]: facts.exchange,
    [HEADER.attempt]: facts.attempt,
  };
}

function stringHeader(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return undefined;
}
