import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type SyncTrigger = 'connect' | 'manual' | 'schedule' | 'selection';

/** One requested or finished knowledge sync of an integration. */
export interface SyncRun {
  id: string;
  orgId: string;
  integrationId: string;
  trigger: SyncTrigger;
  knowledgeBaseIds: string[] | null;
  since: Date | null;
  state: 'pending' | 'running' | 'succeeded' | 'failed';
  startedAt: Date | null;
  finishedAt: Date | null;
  progress: { done: number; total: number };
  result: Record<string, number> | null;
  error: string | null;
}

interface Row {
  id: string;
  org_id: string;
  integration_id: string;
  trigger: SyncTrigger;
  kb_ids: string[] | null;
  since: Date | null;
  state: SyncRun['state'];
  started_at: Date | null;
  finished_at: Date | null;
  progress_done: number;
  progress_total: number;
  result: Record<string, number> | null;
  error: string | null;
}

/** How long a claimed run stays ours without a heartbeat before another worker may take it over. */
const LEASE_SECONDS = 120;

/** responder.knowledge_sync_runs: the queue of syncs, and their last results. */
@Injectable()
export class KnowledgeSyncRunsRepository {
  constructor(private readonly db: DataSource) {}

  async requestRun(
    manager: EntityManager,
    run: { orgId: string; integrationId: string; trigger: SyncTrigger; knowledgeBaseIds?: string[] | null; since?: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO responder.knowledge_sync_runs (org_id, integration_id, trigger, kb_ids, since) VALUES ($1, $2, $3, $4, $5)`,
      [run.orgId, run.integrationId, run.trigger, run.knowledgeBaseIds ? JSON.stringify(run.knowledgeBaseIds) : null, run.since ?? null],
    );
  }

  /**
   * Takes the oldest pending run (or one whose worker died), at most one running per integration.
   */
  async claimNextRun(): Promise<SyncRun | null> {
    return this.db.transaction(async (manager) => {
      const rows: Row[] = await manager.query(
        `SELECT * FROM responder.knowledge_sync_runs r
         WHERE (r.state = 'pending' OR (r.state = 'running' AND r.lease_until < now()))
           AND NOT EXISTS (SELECT 1 FROM responder.knowledge_sync_runs o WHERE o.org_id = r.org_id
             AND o.integration_id = r.integration_id AND o.state = 'running' AND o.lease_until >= now() AND o.id <> r.id)
         ORDER BY r.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const row = rows[0];
      if (!row) return null;
      const [claimed]: Row[][] = await manager.query(
        `UPDATE responder.knowledge_sync_runs SET state = 'running', started_at = now(), progress_done = 0, progress_total = 0,
           lease_until = now() + make_interval(secs => $3) WHERE org_id = $1 AND id = $2 RETURNING *`,
        [row.org_id, row.id, LEASE_SECONDS],
      );
      return toRun(claimed[0]);
    });
  }

  async recordProgress(orgId: string, runId: string, done: number, total: number): Promise<void> {
    await this.db.query(
      `UPDATE responder.knowledge_sync_runs SET progress_done = $3, progress_total = $4, lease_until = now() + make_interval(secs => $5)
       WHERE org_id = $1 AND id = $2`,
      [orgId, runId, done, total, LEASE_SECONDS],
    );
  }

  async finishRun(manager: EntityManager, orgId: string, runId: string, outcome: { result?: Record<string, number>; error?: string }): Promise<SyncRun> {
    const [rows]: Row[][] = await manager.query(
      `UPDATE responder.knowledge_sync_runs SET state = $3, finished_at = now(), lease_until = NULL, result = $4, error = $5
       WHERE org_id = $1 AND id = $2 RETURNING *`,
      [orgId, runId, outcome.error ? 'failed' : 'succeeded', outcome.result ? JSON.stringify(outcome.result) : null, outcome.error ?? null],
    );
    return toRun(rows[0]);
  }

  /** The newest run of an integration (running, pending or finished). */
  async findLatestRun(orgId: string, integrationId: string): Promise<SyncRun | null> {
    const rows: Row[] = await this.db.query(
      `SELECT * FROM responder.knowledge_sync_runs WHERE org_id = $1 AND integration_id = $2
       ORDER BY (state = 'running') DESC, id DESC LIMIT 1`,
      [orgId, integrationId],
    );
    return rows[0] ? toRun(rows[0]) : null;
  }
}

function toRun(row: Row): SyncRun {
  return {
    id: String(row.id),
    orgId: row.org_id,
    integrationId: row.integration_id,
    trigger: row.trigger,
    knowledgeBaseIds: row.kb_ids,
    since: row.since,
    state: row.state,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    progress: { done: row.progress_done, total: row.progress_total },
    result: row.result,
    error: row.error,
  };
}
