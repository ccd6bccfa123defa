import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How long after the customer's message an answer may wait for the first knowledge sync. */
export const FIRST_SYNC_WAIT_SECONDS = 60;

/**
 * Whether an integration's knowledge is there yet. Right after connect the
 * first sync runs for a few seconds; a question asked meanwhile should wait
 * for it rather than be handed off as "not covered". Once a sync has
 * succeeded the answer is remembered: later syncs only add to what is there.
 */
@Injectable()
export class KnowledgeReadiness {
  private readonly synced = new Set<string>();

  constructor(private readonly db: DataSource) {}

  /** True while the integration's first sync is pending or running and none has succeeded. */
  async awaitingFirstSync(orgId: string, integrationId: string): Promise<boolean> {
    const key = `${orgId}:${integrationId}`;
    if (this.synced.has(key)) return false;
    const [row]: Array<{ succeeded: boolean; in_progress: boolean }> = await this.db.query(
      `SELECT bool_or(state = 'succeeded') AS succeeded, bool_or(state IN ('pending', 'running')) AS in_progress
         FROM responder.knowledge_sync_runs WHERE org_id = $1 AND integration_id = $2`,
      [orgId, integrationId],
    );
    if (row?.succeeded) {
      this.synced.add(key);
      return false;
    }
    return row?.in_progress === true;
  }
}
