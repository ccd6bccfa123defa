import { parseMessage } from '@front-agent/contracts';
import { Injectable } from '@nestjs/common';
import { PreparedStatement } from '@front-agent/service-kit';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { assertSchemaName } from '../schema/messaging-tables';

/**
 * Queues a message in `<schema>.outbox` inside the caller's transaction: it is
 * published (by OutboxRelay) if and only if that transaction commits. Once it
 * has committed, `onCommitted` runs (the relay's nudge), so the message leaves
 * now rather than at the relay's next poll.
 */
@Injectable()
export class OutboxWriter {
  private readonly insert: PreparedStatement;
  private readonly table: string;
  private readonly watched = new WeakSet<DataSource>();
  private readonly pendingFlag: string;

  constructor(
    schema: string,
    private readonly onCommitted: () => void = () => undefined,
  ) {
    assertSchemaName(schema);
    this.pendingFlag = `outboxEnqueued:${schema}`;
    this.table = `"${schema}".outbox`;
    this.insert = new PreparedStatement(`INSERT INTO "${schema}".outbox (message_id, routing_key, payload) VALUES ($1, $2, $3)`);
  }

  /** Validates `message` against its contract (InvalidMessageError), then inserts it with `manager`. */
  async enqueue(manager: EntityManager, routingKey: string, message: object): Promise<void> {
    await this.insert.run(manager, rowOf(routingKey, message));
    this.written(manager);
  }

  /**
   * Rows were written with `manager` by a statement of the caller's own
   * (insertFor, insertEachFor): the relay publishes them once they are
   * committed, now or when `manager`'s transaction commits.
   */
  written(manager: EntityManager): void {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) return this.onCommitted();
    this.watchCommits(manager.connection);
    runner.data[this.pendingFlag] = true;
  }

  /**
   * The outbox row of a validated `message` as `INSERT … SELECT $n, $n+1, $n+2`,
   * for a statement of the caller's own that writes it with other rows in one
   * round trip (a WHERE may follow). Call `committed()` once that statement
   * has committed.
   */
  insertFor(routingKey: string, message: object, firstParameter: number): { sql: string; values: unknown[] } {
    const [p1, p2, p3] = [firstParameter, firstParameter + 1, firstParameter + 2];
    return {
      sql: `INSERT INTO ${this.table} (message_id, routing_key, payload) SELECT $${p1}::text, $${p2}::text, $${p3}::jsonb`,
      values: rowOf(routingKey, message),
    };
  }

  /**
   * Outbox rows of validated messages (none to many) as `INSERT … SELECT … FROM
   * unnest(…)`, three array parameters from `$firstParameter`: one statement
   * text whatever the number of rows. A WHERE may follow.
   */
  insertEachFor(messages: Array<{ routingKey: string; message: object }>, firstParameter: number): { sql: string; values: unknown[] } {
    const rows = messages.map(({ routingKey, message }) => rowOf(routingKey, message));
    const [p1, p2, p3] = [firstParameter, firstParameter + 1, firstParameter + 2];
    return {
      sql:
        `INSERT INTO ${this.table} (message_id, routing_key, payload) SELECT queued.message_id, queued.routing_key, queued.payload ` +
        `FROM unnest($${p1}::text[], $${p2}::text[], $${p3}::jsonb[]) AS queued (message_id, routing_key, payload)`,
      values: [rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2])],
    };
  }

  /** A statement built with insertFor() committed a row: the relay publishes it now. */
  committed(): void {
    this.onCommitted();
  }

  private watchCommits(dataSource: DataSource): void {
    if (this.watched.has(dataSource)) return;
    this.watched.add(dataSource);
    dataSource.subscribers.push(this.commitWatcher());
  }

  /** Tells the relay once the outermost transaction that enqueued has committed; forgets it on rollback. */
  private commitWatcher(): EntitySubscriberInterface {
    const ended = (runner: QueryRunner): boolean => !runner.isTransactionActive && runner.data[this.pendingFlag] === true;
    return {
      afterTransactionCommit: ({ queryRunner }) => {
        if (!ended(queryRunner)) return;
        delete queryRunner.data[this.pendingFlag];
        this.onCommitted();
      },
      afterTransactionRollback: ({ queryRunner }) => {
        if (ended(queryRunner)) delete queryRunner.data[this.pendingFlag];
      },
    };
  }
}

/** message_id, routing_key and payload of an outbox row, after validating the message against its contract. */
function rowOf(routingKey: string, message: object): [string, string, string] {
  const valid = parseMessage(routingKey, message) as { messageId?: unknown };
  if (typeof valid.messageId !== 'string') throw new Error(`outbox messages need a messageId (${routingKey})`);
  return [valid.messageId, routingKey, JSON.stringify(valid)];
}
