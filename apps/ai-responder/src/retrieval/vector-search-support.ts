import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResponderConfig } from '../config';

/**
 * The optional pgvector path: only when the `vector` extension is available
 * AND an EMBEDDING_MODEL is configured. Otherwise (the default, and this
 * machine) retrieval is full-text only and this says why, once, at boot.
 */
@Injectable()
export class VectorSearchSupport implements OnApplicationBootstrap {
  private readonly logger = new Logger(VectorSearchSupport.name);
  private state: { enabled: boolean; reason: string } = { enabled: false, reason: 'not checked yet' };

  constructor(
    private readonly db: DataSource,
    private readonly config: ResponderConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.state = await this.detect();
    this.logger.log({ msg: 'vector search', ...this.state });
  }

  status(): { enabled: boolean; reason: string } {
    return this.state;
  }

  private async detect(): Promise<{ enabled: boolean; reason: string }> {
    if (!this.config.EMBEDDING_MODEL) return { enabled: false, reason: 'no EMBEDDING_MODEL configured' };
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
    if (rows.length === 0) return { enabled: false, reason: 'the pgvector extension is not installed on this server' };
    // Embedding storage and hybrid ranking are not built yet: full-text stays the only path.
    return { enabled: false, reason: 'pgvector found; embedding retrieval is not implemented in this version' };
  }
}
