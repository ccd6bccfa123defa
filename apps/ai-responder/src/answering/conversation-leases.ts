import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PreparedStatement } from '@front-agent/service-kit';

/** How long a lease lasts unless renewed: how long a crashed holder blocks its conversation at most. */
export const LEASE_TTL_MS = 15_000;
/** The holder renews its lease this often while it works. */
const RENEW_EVERY_MS = LEASE_TTL_MS / 3;
/** How long a request waits for another request's lease on the same conversation. */
const WAIT_LIMIT_MS = 60_000;
const FIRST_POLL_MS = 20;
const LONGEST_POLL_MS = 500;

/** The right to answer one conversation, held by one reply request. */
export class ConversationLease {
  private renewal?: NodeJS.Timeout;
  private lostAt?: number;
  private releasedAt?: number;

  constructor(
    readonly orgId: string,
    readonly conversationId: string,
    readonly holder: string,
  ) {}

  /** False once a renewal found the lease taken over (this holder stalled past its expiry): it must not write to Front. */
  get held(): boolean {
    return this.lostAt === undefined;
  }

  /** True once the statement giving the lease up committed: release(), or the request's decision (AnswerJournalRepository.decide). */
  get released(): boolean {
    return this.releasedAt !== undefined;
  }

  keepAlive(renew: () => Promise<boolean>): void {
    this.renewal = setInterval(() => {
      // A failed renewal is retried at the next tick; the lease outlives two of them.
      renew().catch(() => undefined);
    }, RENEW_EVERY_MS);
    this.renewal.unref();
  }

  markLost(): void {
    this.lostAt ??= Date.now();
  }

  /** Before the statement giving the lease up: whether it commits or fails, this request no longer extends it. */
  stopRenewing(): void {
    clearInterval(this.renewal);
  }

  /** Called once the statement giving the lease up committed. */
  markReleased(): void {
    this.stopRenewing();
    this.releasedAt ??= Date.now();
  }
}

const RELEASE_LEASE = new PreparedStatement(`DELETE FROM responder.conversation_leases WHERE org_id = $1 AND conversation_id = $2 AND holder = $3`);
const ACQUIRE_LEASE = new PreparedStatement(
  `WITH processed AS (SELECT 1 FROM responder.decisions WHERE org_id = $1 AND request_message_id = $4),
   acquired AS (
     INSERT INTO responder.conversation_leases AS lease (org_id, conversation_id, holder, expires_at)
     SELECT $1, $2, $3, now() + make_interval(secs => $5) WHERE NOT EXISTS (SELECT 1 FROM processed)
     ON CONFLICT (org_id, conversation_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE lease.expires_at < now()
     RETURNING 1)
   SELECT EXISTS (SELECT 1 FROM processed) AS processed, EXISTS (SELECT 1 FROM acquired) AS acquired`,
);
const RENEW_LEASE = new PreparedStatement(
  `WITH renewed AS (
     UPDATE responder.conversation_leases SET expires_at = now() + make_interval(secs => $4)
      WHERE org_id = $1 AND conversation_id = $2 AND holder = $3 RETURNING 1)
   SELECT EXISTS (SELECT 1 FROM renewed) AS renewed`,
);

/**
 * responder.conversation_leases: one reply request at a time per
 * conversation, across replicas, without holding a database connection while
 * it waits for Front and the LLM. A lease expires if its holder dies, so a
 * redelivered request waits at most LEASE_TTL_MS for a crashed one.
 */
@Injectable()
export class ConversationLeases {
  constructor(private readonly db: DataSource) {}

  /**
   * Takes the conversation's lease for a request, waiting while another request
   * holds it; 'processed' when the request already has a recorded decision (a
   * redelivery after the outcome was committed).
   */
  async acquire(orgId: string, conversationId: string, requestMessageId: string): Promise<ConversationLease | 'processed'> {
    const lease = new ConversationLease(orgId, conversationId, randomUUID());
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, LONGEST_POLL_MS)) {
      const state = await this.tryAcquire(lease, requestMessageId);
      if (state === 'processed') return state;
      if (state === 'acquired') {
        lease.keepAlive(() => this.renew(lease));
        return lease;
      }
      if (Date.now() + pause > deadline) throw new Error(`conversation ${conversationId} stayed leased for ${WAIT_LIMIT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** Gives the lease up (a request that ends without a decision: deferred, failed, retried). */
  async release(lease: ConversationLease): Promise<void> {
    lease.stopRenewing();
    await RELEASE_LEASE.run(this.db, [lease.orgId, lease.conversationId, lease.holder]);
    lease.markReleased();
  }

  private async tryAcquire(lease: ConversationLease, requestMessageId: string): Promise<'acquired' | 'processed' | 'busy'> {
    const [row]: Array<{ processed: boolean; acquired: boolean }> = await ACQUIRE_LEASE.run(this.db, [lease.orgId, lease.conversationId, lease.holder, requestMessageId, LEASE_TTL_MS / 1000]);
    if (row.processed) return 'processed';
    return row.acquired ? 'acquired' : 'busy';
  }

  /** Extends the lease; false (and the lease no longer held) when it expired and another request took it. */
  async renew(lease: ConversationLease): Promise<boolean> {
    const [row]: Array<{ renewed: boolean }> = await RENEW_LEASE.run(this.db, [lease.orgId, lease.conversationId, lease.holder, LEASE_TTL_MS / 1000]);
    if (!row.renewed) lease.markLost();
    return row.renewed;
  }
}
