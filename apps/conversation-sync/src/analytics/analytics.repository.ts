import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The sessions an analytics question is about: the org's, first seen in [from, to), optionally on one channel. */
export interface AnalyticsScope {
  orgId: string;
  from: Date;
  to: Date;
  channel?: string;
}

// $1 org, $2 from, $3 to, $4 channel (NULL: every channel)
const IN_SCOPE = `s.org_id = $1 AND coalesce(s.first_inbound_at, s.created_at) >= $2 AND coalesce(s.first_inbound_at, s.created_at) < $3
  AND ($4::text IS NULL OR s.channel = $4)`;

export interface SessionExportRow {
  id: string;
  conversationId: string;
  channel: string | null;
  outcome: string;
  outcomeReason: string | null;
  handoffReason: string | null;
  silentReason: string | null;
  firstInboundAt: Date | null;
  firstAiReplyAt: Date | null;
  resolvedAt: Date | null;
}

/** Outcome analytics, each number one SQL aggregate over sync.sessions (with the AI's timeline lines for replies, and the copilot drafts' fates). */
@Injectable()
export class AnalyticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async totals(scope: AnalyticsScope) {
    const [row]: Array<Record<string, number | null>> = await this.dataSource.query(
      `SELECT count(*)::int AS seen,
              count(*) FILTER (WHERE s.last_ai_reply_at IS NOT NULL OR s.handed_off_at IS NOT NULL)::int AS involved,
              count(*) FILTER (WHERE s.outcome = 'ai_resolved')::int AS ai_resolved,
              count(*) FILTER (WHERE s.outcome = 'ai_resolved_pending')::int AS ai_resolved_pending,
              count(*) FILTER (WHERE s.outcome = 'human_took_over')::int AS human_took_over,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.first_ai_reply_at - s.first_inbound_at))
                FILTER (WHERE s.first_ai_reply_at IS NOT NULL AND s.first_inbound_at IS NOT NULL) AS first_reply_p50,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.first_ai_reply_at - s.first_inbound_at))
                FILTER (WHERE s.first_ai_reply_at IS NOT NULL AND s.first_inbound_at IS NOT NULL) AS first_reply_p90
       FROM sync.sessions s WHERE ${IN_SCOPE}`,
      params(scope),
    );
    return row;
  }

  /** Sessions per outcome and reason (handoff reason, silence rule). */
  outcomesByReason(scope: AnalyticsScope): Promise<Array<{ outcome: string; reason: string | null; count: number }>> {
    return this.dataSource.query(
      `SELECT s.outcome, s.outcome_reason AS reason, count(*)::int AS count FROM sync.sessions s WHERE ${IN_SCOPE}
       GROUP BY s.outcome, s.outcome_reason ORDER BY count DESC, s.outcome, s.outcome_reason`,
      params(scope),
    );
  }

  /** The AI's replies (one per `replied` line on the timeline) by channel and language. */
  repliesByChannelAndLanguage(scope: AnalyticsScope): Promise<Array<{ channel: string | null; language: string | null; count: number }>> {
    return this.dataSource.query(
      `SELECT s.channel, t.details->'trail'->>'language' AS language, count(*)::int AS count
       FROM sync.session_timeline t JOIN sync.sessions s ON s.id = t.session_id
       WHERE t.org_id = $1 AND t.kind = 'ai' AND t.details->>'outcome' = 'replied' AND ${IN_SCOPE}
       GROUP BY 1, 2 ORDER BY count DESC, 1, 2`,
      params(scope),
    );
  }

  /** What teammates did with the AI's copilot drafts in the sessions in scope; the median edit ratio is over drafts sent edited. */
  async copilotDraftFates(scope: AnalyticsScope) {
    const [row]: Array<{ sent_unchanged: number; sent_edited: number; discarded: number; median_edit_ratio: number | null }> = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE d.fate = 'sent_unchanged')::int AS sent_unchanged,
              count(*) FILTER (WHERE d.fate = 'sent_edited')::int AS sent_edited,
              count(*) FILTER (WHERE d.fate = 'discarded')::int AS discarded,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY d.edit_ratio) FILTER (WHERE d.fate = 'sent_edited' AND d.edit_ratio IS NOT NULL) AS median_edit_ratio
       FROM sync.copilot_drafts d JOIN sync.sessions s ON s.org_id = d.org_id AND s.conversation_id = d.conversation_id
       WHERE d.org_id = $1 AND ${IN_SCOPE}`,
      params(scope),
    );
    return row;
  }

  async sessionsForExport(scope: AnalyticsScope, limit: number): Promise<SessionExportRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.conversation_id AS "conversationId", s.channel, s.outcome, s.outcome_reason AS "outcomeReason",
              s.handoff_reason AS "handoffReason", s.silent_reason AS "silentReason", s.first_inbound_at AS "firstInboundAt",
              s.first_ai_reply_at AS "firstAiReplyAt", s.resolved_at AS "resolvedAt"
       FROM sync.sessions s WHERE ${IN_SCOPE}
       ORDER BY coalesce(s.first_inbound_at, s.created_at), s.id LIMIT $5`,
      [...params(scope), limit],
    );
  }
}

function params(scope: AnalyticsScope): unknown[] {
  return [scope.orgId, scope.from, scope.to, scope.channel ?? null];
}
