import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DeadLetterRecordedV1 } from '@front-agent/contracts';

/** Every service's dead letters, as their `deadletter.recorded` reports say. */
@Injectable()
export class DeadLetterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordDeadLetter(manager: EntityManager, report: DeadLetterRecordedV1): Promise<void> {
    await manager.query(
      `INSERT INTO settings.dead_letters
         (id, org_id, service, queue, routing_key, exchange, failed_message_id, kind, error, attempts, body, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
      [
        report.messageId,
        report.orgId,
        report.service,
        report.queue,
        report.routingKey,
        report.exchange,
        report.failedMessageId ?? null,
        report.kind,
        report.error,
        report.attempts,
        report.body ?? null,
        report.occurredAt,
      ],
    );
  }

  /** Dead letters of the org not yet replayed, by queue. */
  async countOpenByQueue(orgId: string): Promise<Record<string, number>> {
    const rows: Array<{ queue: string; count: number }> = await this.dataSource.query(
      `SELECT queue, count(*)::int AS count FROM settings.dead_letters WHERE org_id = $1 AND replayed_at IS NULL GROUP BY queue`,
      [orgId],
    );
    return Object.fromEntries(rows.map((row) => [row.queue, row.count]));
  }
}
