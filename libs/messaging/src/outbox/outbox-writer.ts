import { parseMessage } from '@front-agent/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertSchemaName } from '../schema/messaging-tables';

/**
 * Queues a message in `<schema>.outbox` inside the caller's transaction: it is
 * published (by OutboxRelay) if and only if that transaction commits.
 */
@Injectable()
export class OutboxWriter {
  private readonly insertSql: string;

  constructor(schema: string) {
    assertSchemaName(schema);
    this.insertSql = `INSERT INTO "${schema}".outbox (message_id, routing_key, payload) VALUES ($1, $2, $3)`;
  }

  /** Validates `message` against its contract (InvalidMessageError), then inserts it with `manager`. */
  async enqueue(manager: EntityManager, routingKey: string, message: object): Promise<void> {
    const valid = parseMessage(routingKey, message) as { messageId?: unknown };
    if (typeof valid.messageId !== 'string') throw new Error(`outbox messages need a messageId (${routingKey})`);
    await manager.query(this.insertSql, [valid.messageId, routingKey, JSON.stringify(valid)]);
  }
}
