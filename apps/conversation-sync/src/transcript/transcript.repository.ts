import { Injectable } from '@nestjs/common';
import { PreparedStatement } from '@front-agent/service-kit';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TranscriptEntryEntity } from './transcript-entry.entity';

const EARLIEST_RECEIVED = new PreparedStatement(
  `SELECT min(received_at) AS at FROM sync.transcript_entries WHERE org_id = $1 AND front_message_id = ANY($2)`,
);

@Injectable()
export class TranscriptRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** When the first of these messages reached our edge; null when none is known. */
  async earliestReceivedAt(manager: EntityManager, orgId: string, frontMessageIds: string[]): Promise<Date | null> {
    const [row]: Array<{ at: Date | null }> = await EARLIEST_RECEIVED.run(manager, [orgId, frontMessageIds]);
    return row?.at ?? null;
  }

  entriesOfSession(orgId: string, sessionId: string): Promise<TranscriptEntryEntity[]> {
    return this.dataSource.getRepository(TranscriptEntryEntity).find({ where: { orgId, sessionId }, order: { emittedAt: 'ASC', id: 'ASC' } });
  }
}
