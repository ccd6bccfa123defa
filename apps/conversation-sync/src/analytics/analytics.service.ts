import { Injectable } from '@nestjs/common';
import type { AnalyticsRequestV1, ExportSessionsRequestV1 } from '@front-agent/contracts';
import { AnalyticsRepository, type AnalyticsScope } from './analytics.repository';

const EXPORT_LIMIT = 10_000;

/** What the analytics page shows; the definitions of each outcome are in docs/outcomes.md. */
@Injectable()
export class AnalyticsService {
  constructor(private readonly repository: AnalyticsRepository) {}

  async analyticsOf(request: AnalyticsRequestV1) {
    const scope = scopeOf(request);
    const [totals, outcomes, replies, drafts] = await Promise.all([
      this.repository.totals(scope),
      this.repository.outcomesByReason(scope),
      this.repository.repliesByChannelAndLanguage(scope),
      this.repository.copilotDraftFates(scope),
    ]);
    const seen = totals.seen ?? 0;
    const involved = totals.involved ?? 0;
    return {
      from: request.from,
      to: request.to,
      channel: request.channel ?? null,
      conversationsSeen: seen,
      aiInvolved: involved,
      involvementRate: ratio(involved, seen),
      aiResolved: totals.ai_resolved ?? 0,
      aiResolvedPending: totals.ai_resolved_pending ?? 0,
      aiResolutionRate: ratio(totals.ai_resolved ?? 0, involved),
      humanTakeovers: totals.human_took_over ?? 0,
      handoffsByReason: reasonsOf(outcomes, 'handed_off'),
      silentByRule: reasonsOf(outcomes, 'ai_silent'),
      outcomes: countsByOutcome(outcomes),
      timeToFirstAiReplySeconds: { median: totals.first_reply_p50 ?? null, p90: totals.first_reply_p90 ?? null },
      repliesByChannel: sumBy(replies, 'channel'),
      repliesByLanguage: sumBy(replies, 'language'),
      copilotDrafts: {
        sentUnchanged: drafts.sent_unchanged,
        sentEdited: drafts.sent_edited,
        discarded: drafts.discarded,
        medianEditRatio: drafts.median_edit_ratio,
      },
    };
  }

  async exportSessions(request: ExportSessionsRequestV1) {
    return { sessions: await this.repository.sessionsForExport(scopeOf(request), Math.min(request.limit ?? EXPORT_LIMIT, EXPORT_LIMIT)) };
  }
}

function scopeOf(request: AnalyticsRequestV1): AnalyticsScope {
  return { orgId: request.orgId, from: new Date(request.from), to: new Date(request.to), channel: request.channel };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function reasonsOf(rows: Array<{ outcome: string; reason: string | null; count: number }>, outcome: string): Record<string, number> {
  return Object.fromEntries(rows.filter((row) => row.outcome === outcome).map((row) => [row.reason ?? 'unspecified', row.count]));
}

function countsByOutcome(rows: Array<{ outcome: string; count: number }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.outcome] = (counts[row.outcome] ?? 0) + row.count;
  return counts;
}

function sumBy<K extends 'channel' | 'language'>(rows: Array<Record<K, string | null> & { count: number }>, key: K): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const row of rows) sums[row[key] ?? 'unknown'] = (sums[row[key] ?? 'unknown'] ?? 0) + row.count;
  return sums;
}
