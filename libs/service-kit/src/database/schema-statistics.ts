import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_SCHEMA } from './schema-token';

/** How often the service looks at its tables' modification counters. */
const CHECK_INTERVAL_MS = 5_000;

/**
 * The service's tables that autovacuum would analyze now (its default
 * threshold: 50 rows plus a tenth of the table changed since the last
 * ANALYZE). Only when autovacuum is off, unless `$2` forces it.
 */
const DUE_TABLES = `
  SELECT s.relname AS name
  FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
  WHERE s.schemaname = $1
    AND ($2::boolean OR current_setting('autovacuum') = 'off')
    AND s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
  ORDER BY s.relname`;

/**
 * Keeps the planner's statistics of the service's own schema current when
 * autovacuum does not. Without them PostgreSQL plans a lookup by a unique key
 * (a session by conversation, a decision by request) through any index that
 * starts with org_id and filters the rest, and the prepared statements keep
 * that plan: every read then walks all of the org's rows. ANALYZE also makes
 * the prepared statements plan again.
 */
@Injectable()
export class SchemaStatisticsKeeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SchemaStatisticsKeeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_SCHEMA) private readonly schema: string,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * Analyzes the tables that are due; returns their names. One replica at a
   * time per schema (the others skip the round). `force`: also when autovacuum is on.
   */
  async analyzeDue(force = false): Promise<string[]> {
    const due: Array<{ name: string }> = await this.dataSource.query(DUE_TABLES, [this.schema, force]);
    if (due.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }]: Array<{ locked: boolean }> = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`front-agent-analyze-${this.schema}`]);
      if (!locked) return [];
      const tables = due.map(({ name }) => `"${this.schema}"."${name.replace(/"/g, '""')}"`);
      await manager.query(`ANALYZE ${tables.join(', ')}`);
      this.logger.debug(`analyzed ${tables.join(', ')}`);
      return due.map(({ name }) => name);
    });
  }

  /** A round of the timer; skipped while the previous one (a long ANALYZE) still runs. */
  private tick(): void {
    if (this.running) return;
    this.running = this.analyzeDue()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`statistics not refreshed: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
