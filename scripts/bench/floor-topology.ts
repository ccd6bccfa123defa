/**
 * What the processes of bench:e2e-floor share: the two quorum queues (the
 * same broker hops as our services: webhook → events queue → session worker
 * → reply-requests queue → reply worker), the two tables, and the /ready
 * answer the benchmark waits for. The ingress is confirm-floor-server.ts,
 * which publishes to the `front.events` exchange.
 */
import { createServer } from 'node:http';
import * as amqp from 'amqplib';
import type { Channel } from 'amqplib';
import { Pool } from 'pg';

export const EVENTS_EXCHANGE = 'front.events';
export const EVENTS_QUEUE = 'floor.front-events';
export const REPLY_REQUESTS_QUEUE = 'floor.reply-requests';

/** A reply-requests message republished after a crash: its reply may already be out. */
export const RECOVERED_HEADER = 'x-floor-recovered';

/** What the session worker asks of the reply worker. */
export interface ReplyRequest {
  triggerMessageId: string;
  conversationId: string;
}

export async function assertFloorTopology(channel: Channel): Promise<void> {
  await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
  for (const queue of [EVENTS_QUEUE, REPLY_REQUESTS_QUEUE]) {
    await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  }
  await channel.bindQueue(EVENTS_QUEUE, EVENTS_EXCHANGE, '#');
}

/**
 * The inbox (one row per customer message: duplicates of a webhook stop
 * here) and the effects (one row per "reply to message X": claimed before
 * Front is called, done after).
 */
export const FLOOR_SCHEMA = `
  CREATE TABLE floor_inbox (
    message_id text PRIMARY KEY,
    conversation_id text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE floor_effects (
    trigger_message_id text NOT NULL,
    kind text NOT NULL,
    conversation_id text NOT NULL,
    state text NOT NULL DEFAULT 'claimed',
    front_ref text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trigger_message_id, kind)
  );`;

/** Answers GET /ready on PORT once the worker consumes: bench-processes' startProcess waits for it. */
export function answerReady(): void {
  createServer((_request, response) => response.writeHead(200).end()).listen(Number(process.env.PORT ?? 0), '127.0.0.1');
}

/** Exits on a broker or database connection loss: a crash, left to redelivery, is what the floor recovers from. */
export function exitOnError(what: string) {
  return (error: Error): void => {
    console.error(`${what}: ${error.message}`);
    process.exit(1);
  };
}

/** A worker's database pool and broker connection, each exiting the process when lost. */
export async function connectWorker(): Promise<{ pool: Pool; connection: amqp.ChannelModel }> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  pool.on('error', exitOnError('database'));
  const connection = await amqp.connect(process.env.AMQP_URL!, { noDelay: true });
  connection.on('error', exitOnError('broker'));
  connection.on('close', exitOnError('broker'));
  return { pool, connection };
}
