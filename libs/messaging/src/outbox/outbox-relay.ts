import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { PreparedStatement } from '@front-agent/service-kit';
import { MessagePublisher } from '../publishing/message-publisher';
import { assertSchemaName } from '../schema/messaging-tables';

export interface OutboxRelayOptions {
  /**
   * Pause between polls when the outbox is empty. Default 1000 ms: writers
   * nudge the relay when their transaction commits, so the poll only catches
   * what a failed pass left behind.
   */
  pollIntervalMs?: number;
  /** Rows locked and published per transaction. Default 100. */
  batchSize?: number;
  /** Start with the Nest application. Default true. */
  autoStart?: boolean;
}

const CONTENDED_RETRY_MS = 20;

interface OutboxRow {
  id: string;
  routing_key: string;
  payload: object;
}

/**
 * Publishes committed outbox rows in id order, with confirms, and marks them
 * published. Every replica may run one: rows are claimed with FOR UPDATE SKIP
 * LOCKED under a per-outbox advisory lock. A crash between the confirm and the
 * commit republishes the row with the same messageId; consumers' inboxes drop it.
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly autoStart: boolean;
  private readonly claim: PreparedStatement;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private nudged = false;
  /** Another replica held the relay lock during the last pass: what we were nudged for may still be waiting. */
  private contended = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly publisher: MessagePublisher,
    options: OutboxRelayOptions = {},
  ) {
    assertSchemaName(schema);
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.batchSize = options.batchSize ?? 100;
    this.autoStart = options.autoStart ?? true;
    this.claim = new PreparedStatement(
      'WITH relay_lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(hashtext($2)) AS locked), ' +
      `claimed AS (UPDATE "${schema}".outbox SET published_at = now() WHERE id IN (` +
      `SELECT id FROM "${schema}".outbox WHERE published_at IS NULL AND (SELECT locked FROM relay_lock) ` +
      'ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING id, routing_key, payload) ' +
      'SELECT relay_lock.locked, claimed.id, claimed.routing_key, claimed.payload FROM relay_lock LEFT JOIN claimed ON true ORDER BY claimed.id',
    );
  }

  onApplicationBootstrap(): void {
    if (this.autoStart) this.start();
  }

  /** Stops before the publisher's connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Publish now rather than at the next poll, e.g. right after a commit that enqueued messages. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** Publishes pending rows until none is left; returns how many were published. */
  async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const { published, claimed } = await this.publishBatch();
      total += published;
      if (claimed < this.batchSize || published < claimed || this.contended) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const wasNudged = this.nudged;
      this.nudged = false;
      try {
        await this.publishPending();
      } catch (error) {
        this.logger.warn({ msg: 'outbox relay pass failed', schema: this.schema, reason: (error as Error).message });
      }
      if (!this.running || this.nudged) continue;
      if (wasNudged && this.contended) {
        // The replica holding the lock may have read the outbox before our
        // rows committed: keep looking, briefly, until we get the lock once.
        await this.sleep(CONTENDED_RETRY_MS);
        this.nudged = true;
      } else {
        await this.sleep(this.pollIntervalMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => (this.wake = undefined));
  }

  private publishBatch(): Promise<{ claimed: number; published: number }> {
    return this.dataSource.transaction(async (manager) => {
      // SKIP LOCKED alone lets two replicas split a batch and interleave their
      // publishes; the advisory lock lets one replica relay at a time, so rows
      // leave in id order. The others skip this pass and try again at their
      // next poll. Lock, claim and mark happen in one round trip; the mark is
      // undone for a row whose publish fails, and a crash rolls it all back.
      const rows = await this.claim.run<Array<{ locked: boolean } & Partial<OutboxRow>>>(manager, [this.batchSize, `${this.schema}.outbox`]);
      this.contended = rows.length > 0 && !rows[0].locked;
      const claimed = rows.filter((row): row is { locked: boolean } & OutboxRow => row.id != null);
      if (claimed.length === 0) return { claimed: 0, published: 0 };
      // One channel keeps the publish order; the confirms are awaited together.
      const results = await Promise.allSettled(
        claimed.map((row) => this.publisher.publishValidated(row.routing_key, row.payload)),
      );
      await this.recordFailures(manager, claimed, results);
      return { claimed: claimed.length, published: results.filter((result) => result.status === 'fulfilled').length };
    });
  }

  private async recordFailures(
    manager: EntityManager,
    rows: OutboxRow[],
    results: PromiseSettledResult<void>[],
  ): Promise<void> {
    for (const [index, result] of results.entries()) {
      if (result.status === 'fulfilled') continue;
      const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
      await manager.query(
        `UPDATE "${this.schema}".outbox SET published_at = NULL, publish_attempts = publish_attempts + 1, last_error = $2 WHERE id = $1`,
        [rows[index].id, reason.slice(0, 2000)],
      );
    }
  }
}
