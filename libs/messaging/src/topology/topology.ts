import { AGENT_EVENTS_EXCHANGE, exchangeFor, FRONT_EVENTS_EXCHANGE } from '@front-agent/contracts';
import type { Channel } from 'amqplib';

/** Direct exchange that routes RPC requests (routing key = RPC pattern) to the owning service's `.rpc` queue. */
export const RPC_EXCHANGE = 'agent.rpc';

/**
 * How often the broker redelivers one message (consumer crashes, channel
 * drops) before it dead-letters it itself: the guard against a message that
 * kills its consumer every time. Fixed, because changing a queue argument
 * makes the next declaration fail.
 */
export const REDELIVERY_LIMIT = 10;

/** The queues one service owns. */
export interface ServiceQueues {
  events: string;
  dlq: string;
  rpc: string;
  /** Retry queue that holds a message for `delayMs` before handing it back to `events`. */
  retry(delayMs: number): string;
}

export function serviceQueues(serviceName: string): ServiceQueues {
  const events = `${serviceName}.events`;
  return {
    events,
    dlq: `${events}.dlq`,
    rpc: `${serviceName}.rpc`,
    // The delay is in the name, not only in x-message-ttl: changing the
    // configured delays then declares new queues instead of failing with
    // PRECONDITION_FAILED on the old ones, which keep draining into `events`.
    retry: (delayMs) => `${events}.retry.${delayMs}ms`,
  };
}

const quorum = { 'x-queue-type': 'quorum' } as const;

/** Both topic exchanges, durable. */
export async function assertEventExchanges(channel: Channel): Promise<void> {
  await channel.assertExchange(FRONT_EVENTS_EXCHANGE, 'topic', { durable: true });
  await channel.assertExchange(AGENT_EVENTS_EXCHANGE, 'topic', { durable: true });
}

export async function assertRpcExchange(channel: Channel): Promise<void> {
  await channel.assertExchange(RPC_EXCHANGE, 'direct', { durable: true });
}

/**
 * The event queue bound to each pattern on its exchange, one retry queue per
 * distinct delay (quorum queues support message TTL since RabbitMQ 3.10) and
 * the dead-letter queue. Idempotent; runs on every (re)connection.
 */
export async function assertEventTopology(
  channel: Channel,
  queues: ServiceQueues,
  patterns: readonly string[],
  retryDelaysMs: readonly number[],
  retiredPatterns: readonly string[] = [],
): Promise<void> {
  await assertEventExchanges(channel);
  await channel.assertQueue(queues.dlq, { durable: true, arguments: { ...quorum } });
  await channel.assertQueue(queues.events, {
    durable: true,
    arguments: {
      ...quorum,
      'x-delivery-limit': REDELIVERY_LIMIT,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': queues.dlq,
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    },
  });
  for (const pattern of patterns) {
    await channel.bindQueue(queues.events, exchangeFor(pattern), pattern);
  }
  // Unbinding what is not bound is not an error.
  for (const pattern of retiredPatterns) {
    await channel.unbindQueue(queues.events, exchangeFor(pattern), pattern);
  }
  for (const delayMs of new Set(retryDelaysMs)) {
    await channel.assertQueue(queues.retry(delayMs), {
      durable: true,
      arguments: {
        ...quorum,
        'x-message-ttl': delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': queues.events,
        // Without it a quorum queue dead-letters at-most-once: a broker
        // restart at the wrong moment would lose the message being retried.
        'x-dead-letter-strategy': 'at-least-once',
        'x-overflow': 'reject-publish',
      },
    });
  }
}

/** The service's RPC queue, bound on the RPC exchange to each @MessagePattern. */
export async function assertRpcTopology(channel: Channel, queue: string, patterns: readonly string[]): Promise<void> {
  await assertRpcExchange(channel);
  await channel.assertQueue(queue, { durable: true, arguments: { ...quorum } });
  for (const pattern of patterns) {
    await channel.bindQueue(queue, RPC_EXCHANGE, pattern);
  }
}
