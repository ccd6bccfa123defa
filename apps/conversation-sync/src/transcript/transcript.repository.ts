import { Injectable } from '@nestjs/common';
import { PreparedStatement, entityColumns, entityFromRow } from '@front-agent/service-kit';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TranscriptEntryEntity } from './transcript-entry.entity';

const INSERT_ENTRY = new PreparedStatement(
  `INSERT INTO sync.transcript_entries
     (org_id, session_id, front_message_id, kind, direction, author_kind, author_id, author_handle, text, emitted_at, received_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
   ON CONFLICT (org_id, front_message_id) WHERE front_message_id IS NOT NULL DO NOTHING
   RETURNING 1`,
);
const EARLIEST_RECEIVED = new PreparedStatement(
  `SELECT min(received_at) AS at FROM sync.transcript_entries WHERE org_id = $1 AND front_message_id = ANY($2)`,
);

@Injectable()
export class TranscriptRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a message or comment once per Front message id; false when it was already there. */
  async recordEntry(manager: EntityManager, entry: Omit<TranscriptEntryEntity, 'id' | 'createdAt'>, receivedAt: Date | null = null): Promise<boolean> {
    const rows: unknown[] = await INSERT_ENTRY.run(manager, [
        entry.orgId,
        entry.sessionId,
        entry.frontMessageId,
        entry.kind,
        entry.direction,
        entry.authorKind,
        entry.authorId,
        entry.authorHandle,
        entry.text,
        entry.emittedAt,
        receivedAt,
      ],
    );
    return rows.length === 1;
  }

  /** When the first of these messages reached our edge; null when none is known. */
  async earliestReceivedAt(manager: EntityManager, orgId: string, frontMessageIds: string[]): Promise<Date | null> {
    const [row]: Array<{ at: Date | null }> = await EARLIEST_RECEIVED.run(manager, [orgId, frontMessageIds]);
    return row?.at ?? null;
  }

  /** The last `limit` entries of a session, oldest first. */
  async recentEntries(manager: EntityManager, orgId: string, sessionId: string, limit = 20): Promise<TranscriptEntryEntity[]> {
    const rows: Array<Record<string, unknown>> = await PreparedStatement.of(
      `SELECT ${entityColumns(manager, TranscriptEntryEntity)} FROM sync.transcript_entries
       WHERE org_id = $1 AND session_id = $2 ORDER BY emitted_at DESC, id DESC LIMIT $3`,
    ).run(manager, [orgId, sessionId, limit]);
    return rows.map((row) => entityFromRow(manager, TranscriptEntryEntity, row)).reverse();
  }

  entriesOfSession(orgId: string, sessionId: string): Promise<TranscriptEntryEntity[]> {
    return this.dataSource.getRepository(TranscriptEntryEntity).find({ where: { orgId, sessionId }, order: { emittedAt: 'ASC', id: 'ASC' } });
  }
}
