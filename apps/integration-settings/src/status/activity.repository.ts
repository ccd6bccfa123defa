import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PreparedStatement } from '@front-agent/service-kit';

export interface ActivityRow {
  kind: string;
  count: number;
  lastAt: Date;
  lastDetail: string | null;
}

const ADD_TO_COUNT = `ON CONFLICT (integration_id, kind, hour) DO UPDATE SET
     count = settings.integration_activity.count + EXCLUDED.count,
     last_at = GREATEST(settings.integration_activity.last_at, EXCLUDED.last_at),
     last_detail = COALESCE(EXCLUDED.last_detail, settings.integration_activity.last_detail)
   WHERE settings.integration_activity.org_id = EXCLUDED.org_id`;
const COUNT_ACTIVITY = new PreparedStatement(
  `INSERT INTO settings.integration_activity (org_id, integration_id, kind, hour, count, last_at, last_detail)
   VALUES ($1, $2, $3, date_trunc('hour', $4::timestamptz), $5, $4, $6)
   ${ADD_TO_COUNT}`,
);

/**
 * Hourly counters of what happened to an integration (webhook events by type,
 * signature failures, drops, AI outcomes), for the troubleshooting page.
 */
@Injectable()
export class ActivityRepository {
  private countOnceStatement?: PreparedStatement;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async count(manager: EntityManager, orgId: string, integrationId: string, kind: string, amount = 1, detail?: string, at = new Date()) {
    if (amount <= 0) return;
    await COUNT_ACTIVITY.run(manager, [orgId, integrationId, kind, at, amount, detail ?? null]);
  }

  /**
   * Counts one message's activity once, with its inbox row, in one statement
   * (for a handler without the transport's inbox).
   */
  async countOnce(processed: { cte: string; values: [string, string] }, orgId: string, integrationId: string, kind: string, detail?: string, at = new Date()) {
    this.countOnceStatement ??= new PreparedStatement(
      `WITH ${processed.cte}
       INSERT INTO settings.integration_activity (org_id, integration_id, kind, hour, count, last_at, last_detail)
       SELECT $1, $2, $3, date_trunc('hour', $4::timestamptz), 1, $4::timestamptz, $5::text WHERE EXISTS (SELECT 1 FROM processed)
       ${ADD_TO_COUNT}`,
    );
    await this.countOnceStatement.run(this.dataSource, [orgId, integrationId, kind, at, detail ?? null, ...processed.values]);
  }

  /** Per kind: the count of the last 24 h, and the last time and detail ever seen. */
  async summaryOfIntegration(orgId: string, integrationId: string): Promise<ActivityRow[]> {
    const rows: Array<{ kind: string; count: number; last_at: Date; last_detail: string | null }> = await this.dataSource.query(
      `SELECT kind,
              COALESCE(SUM(count) FILTER (WHERE hour > now() - interval '24 hours'), 0)::int AS count,
              MAX(last_at) AS last_at,
              (ARRAY_AGG(last_detail ORDER BY last_at DESC) FILTER (WHERE last_detail IS NOT NULL))[1] AS last_detail
       FROM settings.integration_activity WHERE org_id = $1 AND integration_id = $2 GROUP BY kind`,
      [orgId, integrationId],
    );
    return rows.map((row) => ({ kind: row.kind, count: row.count, lastAt: row.last_at, lastDetail: row.last_detail }));
  }
}
