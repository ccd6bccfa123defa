import { parseMessage } from '@front-agent/contracts';
import { Injectable } from '@nestjs/common';
import { PreparedStatement } from '@front-agent/service-kit';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { assertSchemaName } from '../schema/messaging-tables';

/** A message an outbox row holds, validated: what the relay publishes once the row has committed. */
export interface OutboxMessage {
  messageId: string;
  routingKey: string;
  payload: object;
}

/** Rows for a statement of the caller's own, and the messages they hold (for `written()`). */
export interface OutboxInsert {
  sql: string;
  values: unknown[];
  messages: OutboxMessage[];
}

/**
 * Queues a message in `<schema>.outbox` inside the caller's transaction: it is
 * published (by OutboxRelay) if and only if that transaction commits. Once it
 * has committed, `onCommitted` gets the messages (the relay publishes them
 * from memory right away); rows whose publish did not happen are left to the
 * relay's poll.
 */
@Injectable()
export class OutboxWriter {
  private readonly insert: PreparedStatement;
  private readonly table: string;
  private readonly watched = new WeakSet<DataSource>();
  private readonly pendingKey: string;

  constructor(
    schema: string,
    private readonly onCommitted: (messages: OutboxMessage[]) => void = () => undefined,
  ) {
    assertSchemaName(schema);
    this.pendingKey = `outboxEnqueued:${schema}`;
    this.table = `"${schema}".outbox`;
    this.insert = new PreparedStatement(`INSERT INTO "${schema}".outbox (message_id, routing_key, payload) VALUES ($1, $2, $3)`);
  }

  /** Validates `message` against its contract (InvalidMessageError), then inserts it with `manager`. */
  async enqueue(manager: EntityManager, routingKey: string, message: object): Promise<void> {
    const queued = messageOf(routingKey, message);
    await this.insert.run(manager, columnsOf(queued));
    this.written(manager, [queued]);
  }

  /**
   * `messages` were written with `manager` by a statement of the caller's own
   * (insertFor, insertEachFor): the relay publishes them once they are
   * committed, now or when `manager`'s transaction commits.
   */
  written(manager: EntityManager, messages: OutboxMessage[]): void {
    if (messages.length === 0) return;
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) return this.onCommitted(messages);
    this.watchCommits(manager.connection);
    const pending = (runner.data[this.pendingKey] as OutboxMessage[] | undefined) ?? [];
    runner.data[this.pendingKey] = [...pending, ...messages];
  }

  /** A statement of the caller's own, outside any transaction, committed these rows: the relay publishes them now. */
  committed(messages: OutboxMessage[]): void {
    if (messages.length > 0) this.onCommitted(messages);
  }

  /**
   * The outbox row of a validated `message` as `INSERT … SELECT $n, $n+1, $n+2`,
   * for a statement of the caller's own that writes it with other rows in one
   * round trip (a WHERE may follow). Pass its `messages` to `written()` (or
   * `committed()`) once that statement has written the row.
   */
  insertFor(routingKey: string, message: object, firstParameter: number): OutboxInsert {
    const queued = messageOf(routingKey, message);
    const [p1, p2, p3] = [firstParameter, firstParameter + 1, firstParameter + 2];
    return {
      sql: `INSERT INTO ${this.table} (message_id, routing_key, payload) SELECT $${p1}::text, $${p2}::text, $${p3}::jsonb`,
      values: columnsOf(queued),
      messages: [queued],
    };
  }

  /**
   * Outbox rows of validated messages (none to many) as `INSERT … SELECT … FROM
   * unnest(…)`, three array parameters from `$firstParameter`: one statement
   * text whatever the number of rows. A WHERE may follow.
   */
  insertEachFor(messages: Array<{ routingKey: string; message: object }>, firstParameter: number): OutboxInsert {
    const queued = messages.map(({ routingKey, message }) => messageOf(routingKey, message));
    const columns = queued.map(columnsOf);
    const [p1, p2, p3] = [firstParameter, firstParameter + 1, firstParameter + 2];
    return {
      sql:
        `INSERT INTO ${this.table} (message_id, routing_key, payload) SELECT queued.message_id, queued.routing_key, queued.payload ` +
        `FROM unnest($${p1}::text[], $${p2}::text[], $${p3}::jsonb[]) AS queued (message_id, routing_key, payload)`,
      values: [columns.map((row) => row[0]), columns.map((row) => row[1]), columns.map((row) => row[2])],
      messages: queued,
    };
  }

  private watchCommits(dataSource: DataSource): void {
    if (this.watched.has(dataSource)) return;
    this.watched.add(dataSource);
    dataSource.subscribers.push(this.commitWatcher());
  }

  /** Hands the messages to the relay once the outermost transaction that wrote them has committed; forgets them on rollback. */
  private commitWatcher(): EntitySubscriberInterface {
    const pendingOf = (runner: QueryRunner): OutboxMessage[] | undefined =>
      runner.isTransactionActive ? undefined : (runner.data[this.pendingKey] as OutboxMessage[] | undefined);
    return {
      afterTransactionCommit: ({ queryRunner }) => {
        const messages = pendingOf(queryRunner);
        if (!messages) return;
        delete queryRunner.data[this.pendingKey];
        this.onCommitted(messages);
      },
      afterTransactionRollback: ({ queryRunner }) => {
        if (pendingOf(queryRunner)) delete queryRunner.data[this.pendingKey];
      },
    };
  }
}

/** The message, validated against its contract. */
function messageOf(routingKey: string, message: object): OutboxMessage {
  const valid = parseMessage(routingKey, message) as { messageId?: unknown };
  if (typeof valid.messageId !== 'string') throw new Error(`outbox messages need a messageId (${routingKey})`);
  return { messageId: valid.messageId, routingKey, payload: valid };
}

/** message_id, routing_key and payload of its outbox row. */
function columnsOf(message: OutboxMessage): [string, string, string] {
  return [message.messageId, message.routingKey, JSON.stringify(message.payload)];
}
