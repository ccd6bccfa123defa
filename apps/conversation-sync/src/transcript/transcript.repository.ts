import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TranscriptEntryEntity } from './transcript-entry.entity';

@Injectable()
export class TranscriptRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  entriesOfSession(orgId: string, sessionId: string): Promise<TranscriptEntryEntity[]> {
    return this.dataSource.getRepository(TranscriptEntryEntity).find({ where: { orgId, sessionId }, order: { emittedAt: 'ASC', id: 'ASC' } });
  }
}
