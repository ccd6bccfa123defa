import { type DynamicModule, type INestApplication, Logger, Module, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import * as amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { AmqpTransport } from '../consuming/amqp-transport';
import { connectAmqpTransport } from '../nest/connect-amqp-transport';
import { messagingTablesUp } from '../schema/messaging-tables';
import type { InboxStore } from '../inbox/inbox-store';
import { type ConsumerOptions, INBOX_STORE, MessagingModule, type MessagingOptions } from '../nest/messaging.module';

// Quiet test output; MESSAGING_TEST_LOGS=1 shows the transport's logs.
if (!process.env.MESSAGING_TEST_LOGS) Logger.overrideLogger(false);

export interface TestMessage {
  messageId: string;
  orgId: string;
  correlationId: string;
  [field: string]: unknown;
}

/** A valid `integration.*` message (IntegrationChangedV1). */
export function integrationChanged(overrides: Record<string, unknown> = {}): TestMessage {
  return {
    messageId: randomUUID(),
    orgId: 'org_1',
    correlationId: randomUUID(),
    occurredAt: new Date().toISOString(),
    version: 1,
    integrationId: 'int_1',
    change: 'updated',
    connected: true,
    enabled: true,
    handleUnassigned: false,
    ...overrides,
  };
}

/** Polls until `probe` returns something truthy. */
export async function waitFor<T>(probe: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface TestServiceOptions {
  serviceName: string;
  amqpUrl: string;
  /** With a schema: TypeORM on this database, the inbox and the outbox. */
  database?: { url: string; schema: string };
  handlers?: Type[];
  providers?: Provider[];
  consumer?: ConsumerOptions;
  messaging?: Partial<MessagingOptions>;
  /** Attach the AMQP consumer (default true). */
  consume?: boolean;
  /** Wraps the module's inbox, e.g. to observe or sabotage it. */
  wrapInbox?: (inbox: InboxStore) => InboxStore;
}

export interface TestService {
  app: INestApplication;
  transport?: AmqpTransport;
  close(): Promise<void>;
}

/** A Nest application wired the way a service's main.ts wires it. */
export async function startTestService(options: TestServiceOptions): Promise<TestService> {
  @Module({})
  class TestServiceModule {}
  const root: DynamicModule = {
    module: TestServiceModule,
    imports: [
      ...(options.database ? [TypeOrmModule.forRoot({ type: 'postgres', url: options.database.url })] : []),
      MessagingModule.forRoot({
        serviceName: options.serviceName,
        url: options.amqpUrl,
        reconnectDelayMs: 200,
        schema: options.database?.schema,
        consumer: options.consumer,
        ...options.messaging,
      }),
    ],
    controllers: options.handlers ?? [],
    providers: options.providers ?? [],
  };
  const app = await NestFactory.create(root, new FastifyAdapter(), { logger: testLogger() });
  const wrapInbox = options.wrapInbox ?? ((inbox: InboxStore) => inbox);
  const transport =
    options.consume === false
      ? undefined
      : connectAmqpTransport(app, { inbox: wrapInbox(app.get<InboxStore>(INBOX_STORE)) }).transport;
  await app.startAllMicroservices();
  await app.init();
  return { app, transport, close: () => app.close() };
}

function testLogger(): false | ['error', 'warn', 'log', 'debug'] {
  return process.env.MESSAGING_TEST_LOGS ? ['error', 'warn', 'log', 'debug'] : false;
}

/** A plain amqplib connection for arranging and inspecting the broker in tests. */
export async function openProbe(url: string): Promise<{ channel: amqp.ConfirmChannel; close(): Promise<void> }> {
  const connection = await amqp.connect(url);
  const channel = await connection.createConfirmChannel();
  // A failed check (404) closes the channel; the failing call reports it, the event must not crash the test.
  connection.on('error', () => undefined);
  channel.on('error', () => undefined);
  return { channel, close: () => connection.close().catch(() => undefined) };
}

/** The queue's ready messages and consumers, or undefined when it does not exist. */
export async function queueStats(
  url: string,
  queue: string,
): Promise<{ messageCount: number; consumerCount: number } | undefined> {
  const probe = await openProbe(url);
  try {
    const { messageCount, consumerCount } = await probe.channel.checkQueue(queue);
    return { messageCount, consumerCount };
  } catch {
    return undefined;
  } finally {
    await probe.close();
  }
}

/** Drains up to `expected` messages from a queue. */
export async function takeMessages(
  channel: amqp.Channel,
  queue: string,
  expected: number,
  timeoutMs = 10_000,
): Promise<amqp.GetMessage[]> {
  const taken: amqp.GetMessage[] = [];
  await waitFor(
    async () => {
      const message = await channel.get(queue, { noAck: true });
      if (message) taken.push(message);
      return taken.length >= expected;
    },
    timeoutMs,
    `${expected} message(s) on ${queue}`,
  );
  return taken;
}

/** Creates the messaging tables and `extraSql` in a fresh database, as a service migration would. */
export async function migrate(databaseUrl: string, schema: string, extraSql: string[] = []): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const sql of [...messagingTablesUp(schema), ...extraSql]) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs one query on its own connection. */
export async function queryDatabase<T extends object>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
