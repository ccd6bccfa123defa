import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DeadLetterRecordedV1 } from '@front-agent/contracts';

const COLUMNS = `id, org_id, service, queue, routing_key, exchange, failed_message_id, kind, error, attempts, recorded_at, replayed_at, replay_count`;

interface DeadLetterRecord {
  id: string;
  org_id: string;
  service: string;
  queue: string;
  routing_key: string;
  exchange: string;
  failed_message_id: string | null;
  kind: string;
  error: string;
  attempts: number;
  recorded_at: Date;
  replayed_at: Date | null;
  replay_count: number;
}

/** A dead letter as the API shows it (the message body stays inside: it may hold customer text). */
export interface DeadLetterRow {
  id: string;
  orgId: string;
  service: string;
  queue: string;
  routingKey: string;
  exchange: string;
  failedMessageId: string | null;
  kind: string;
  error: string;
  attempts: number;
  recordedAt: Date;
  replayedAt: Date | null;
  replayCount: number;
}

function toRow(record: DeadLetterRecord): DeadLetterRow {
  return {
    id: record.id,
    orgId: record.org_id,
    service: record.service,
    queue: record.queue,
    routingKey: record.routing_key,
    exchange: record.exchange,
    failedMessageId: record.failed_message_id,
    kind: record.kind,
    error: record.error,
    attempts: record.attempts,
    recordedAt: record.recorded_at,
    replayedAt: record.replayed_at,
    replayCount: record.replay_count,
  };
}

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

  /** The org's dead letters, newest first (a page of at most `limit`). */
  async listDeadLettersOfOrg(orgId: string, filter: { limit: number; queue?: string; before?: Date }): Promise<DeadLetterRow[]> {
    const rows: DeadLetterRecord[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM settings.dead_letters
       WHERE org_id = $1 AND ($2::text IS NULL OR queue = $2) AND ($3::timestamptz IS NULL OR recorded_at < $3)
       ORDER BY recorded_at DESC, id LIMIT $4`,
      [orgId, filter.queue ?? null, filter.before ?? null, filter.limit],
    );
    return rows.map(toRow);
  }

  async findDeadLetterOfOrg(orgId: string, id: string): Promise<(DeadLetterRow & { body: string | null }) | null> {
    const [row]: Array<DeadLetterRecord & { body: string | null }> = await this.dataSource.query(
      `SELECT ${COLUMNS}, body FROM settings.dead_letters WHERE org_id = $1 AND id = $2`,
      [orgId, id],
    );
    return row ? { ...toRow(row), body: row.body } : null;
  }

  async markReplayed(manager: EntityManager, orgId: string, id: string): Promise<void> {
    await manager.query(
      `UPDATE settings.dead_letters SET replayed_at = now(), replay_count = replay_count + 1 WHERE org_id = $1 AND id = $2`,
      [orgId, id],
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
