import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { PreparedStatement } from '@front-agent/service-kit';
import { MessagePublisher } from '../publishing/message-publisher';
import type { OutboxMessage } from './outbox-writer';
import { assertSchemaName } from '../schema/messaging-tables';

export interface OutboxRelayOptions {
  /**
   * Pause between polls. Default 1000 ms: writers hand the relay their
   * messages when their transaction commits, so the poll only catches what
   * was not published that way (a failed publish, a crashed process).
   */
  pollIntervalMs?: number;
  /**
   * Age below which a poll leaves a row to the process that wrote it, which
   * publishes it from memory. Default 10 s. A row is published twice (the
   * consumers' inboxes drop the copy) only when that takes longer.
   */
  pollGraceMs?: number;
  /**
   * How long confirmed messages wait to be marked published, so that one
   * statement marks all of them. Default 200 ms; at most half the grace.
   */
  markDelayMs?: number;
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
 * Publishes committed outbox rows, with confirms, and marks them published.
 *
 * Messages this process just committed arrive from its OutboxWriter and are
 * published from memory in commit order, then marked together a moment later
 * (one statement for all confirmed meanwhile): no transaction and no claim
 * per message. A poll publishes the rest in id order
 * (rows older than the grace: a publish that failed, a process that crashed
 * before publishing), claimed with FOR UPDATE SKIP LOCKED under a per-outbox
 * advisory lock, so every replica may run one. A crash between a confirm and
 * the mark republishes the row with the same messageId; consumers' inboxes
 * drop it.
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly autoStart: boolean;
  private readonly graceMs: number;
  private readonly markDelayMs: number;
  private readonly claim: PreparedStatement;
  private readonly markPublished: PreparedStatement;
  /** Committed messages handed over by the writer, not yet published. */
  private readonly committed: OutboxMessage[] = [];
  /** Ids of messages published from memory and confirmed, not yet marked. */
  private readonly confirmed: string[] = [];
  private markDueAt = Number.POSITIVE_INFINITY;
  private nextPollAt = 0;
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
    this.graceMs = options.pollGraceMs ?? 10_000;
    this.markDelayMs = Math.min(options.markDelayMs ?? 200, this.graceMs / 2);
    this.claim = new PreparedStatement(
      'WITH relay_lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(hashtext($2)) AS locked), ' +
      `claimed AS (UPDATE "${schema}".outbox SET published_at = now() WHERE id IN (` +
      `SELECT id FROM "${schema}".outbox WHERE published_at IS NULL AND (SELECT locked FROM relay_lock) ` +
      `AND created_at <= now() - make_interval(secs => $3::float8 / 1000) ` +
      'ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING id, routing_key, payload) ' +
      'SELECT relay_lock.locked, claimed.id, claimed.routing_key, claimed.payload FROM relay_lock LEFT JOIN claimed ON true ORDER BY claimed.id',
    );
    // The partial index of pending rows keeps this cheap: only rows in flight are pending.
    this.markPublished = new PreparedStatement(
      `UPDATE "${schema}".outbox SET published_at = now() WHERE published_at IS NULL AND message_id = ANY($1::text[])`,
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

  /** The writer's messages, committed: published now, in this order (by the poll when this relay is not running). */
  publishCommitted(messages: OutboxMessage[]): void {
    if (!this.running) return;
    this.committed.push(...messages);
    this.wake?.();
  }

  /** Poll now rather than at the next poll (rows older than the grace). */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** Publishes pending rows older than `graceMs` until none is left; returns how many were published. */
  async publishPending(graceMs = 0): Promise<number> {
    let total = 0;
    for (;;) {
      const { published, claimed } = await this.publishBatch(graceMs);
      total += published;
      if (claimed < this.batchSize || published < claimed || this.contended) return total;
    }
  }

  private async run(): Promise<void> {
    // At start, rows another process left behind need no grace: it is gone, or publishes them too (the inbox drops a copy).
    let grace = 0;
    while (this.running) {
      const polling = this.nudged || Date.now() >= this.nextPollAt;
      const wasNudged = this.nudged;
      this.nudged = false;
      try {
        if (this.committed.length > 0) await this.publishCommittedNow();
        if (Date.now() >= this.markDueAt) await this.markConfirmed();
        if (polling) {
          this.nextPollAt = Date.now() + this.pollIntervalMs;
          await this.publishPending(grace);
          grace = this.graceMs;
        }
      } catch (error) {
        this.logger.warn({ msg: 'outbox relay pass failed', schema: this.schema, reason: (error as Error).message });
      }
      if (!this.running || this.nudged || this.committed.length > 0) continue;
      if (wasNudged && this.contended) {
        // Another replica held the lock: look again shortly, until we get it once.
        await this.sleep(CONTENDED_RETRY_MS);
        this.nudged = true;
      } else {
        await this.sleep(Math.max(0, Math.min(this.nextPollAt, this.markDueAt) - Date.now()));
      }
    }
    if (this.committed.length > 0) await this.publishCommittedNow().catch(() => undefined);
    await this.markConfirmed().catch(() => undefined);
  }

  /**
   * Publishes the committed messages handed over so far; those confirmed are
   * marked by markConfirmed within markDelayMs, many in one statement. A
   * message whose publish failed stays pending for the poll, which leaves
   * rows alone for longer than the marks wait.
   */
  private async publishCommittedNow(): Promise<void> {
    const messages = this.committed.splice(0);
    // One channel keeps the publish order; the confirms are awaited together.
    const results = await Promise.allSettled(messages.map((message) => this.publisher.publishValidated(message.routingKey, message.payload)));
    for (const [index, message] of messages.entries()) if (results[index].status === 'fulfilled') this.confirmed.push(message.messageId);
    if (this.confirmed.length > 0 && this.markDueAt === Number.POSITIVE_INFINITY) this.markDueAt = Date.now() + this.markDelayMs;
  }

  /** Marks the confirmed messages published, in one statement. */
  private async markConfirmed(): Promise<void> {
    this.markDueAt = Number.POSITIVE_INFINITY;
    if (this.confirmed.length === 0) return;
    await this.markPublished.run(this.dataSource, [this.confirmed.splice(0)]);
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

  private publishBatch(graceMs: number): Promise<{ claimed: number; published: number }> {
    return this.dataSource.transaction(async (manager) => {
      // SKIP LOCKED alone lets two replicas split a batch and interleave their
      // publishes; the advisory lock lets one replica relay at a time, so rows
      // leave in id order. The others skip this pass and try again at their
      // next poll. Lock, claim and mark happen in one round trip; the mark is
      // undone for a row whose publish fails, and a crash rolls it all back.
      const rows = await this.claim.run<Array<{ locked: boolean } & Partial<OutboxRow>>>(manager, [this.batchSize, `${this.schema}.outbox`, graceMs]);
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
