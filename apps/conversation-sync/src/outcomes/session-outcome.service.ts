import { Inject, Injectable } from '@nestjs/common';
import { SyncConfig } from '../config';
import type { SessionEntity } from '../sessions/session.entity';
import type { TimelineEntryEntity } from '../sessions/timeline-entry.entity';
import { decideOutcome, type OutcomeWindows } from './outcome-rules';

const HOUR_MS = 3_600_000;

export type OutcomeChange = Pick<TimelineEntryEntity, 'kind' | 'summary' | 'frontEventId' | 'details'>;

/** Keeps a session's stored outcome true to its facts; each change becomes a line of the session's history. */
@Injectable()
export class SessionOutcomeService {
  private readonly windows: OutcomeWindows;

  constructor(@Inject(SyncConfig) config: SyncConfig) {
    this.windows = { reopenMs: config.OUTCOME_REOPEN_WINDOW_HOURS * HOUR_MS, abandonMs: config.OUTCOME_ABANDON_WINDOW_HOURS * HOUR_MS };
  }

  /**
   * Called with the facts as they were just before an event at `at`: a
   * resolution that had already outlived the reopen window by then stands,
   * even if that event reopens the conversation.
   */
  settleBefore(session: SessionEntity, at: Date): void {
    if (session.aiResolvedAt) return;
    if (decideOutcome(session, at, this.windows).outcome === 'ai_resolved') session.aiResolvedAt = this.settledAt(session, at);
  }

  /** Decides the outcome at `now`; returns the history line when it changed. */
  refresh(session: SessionEntity, now: Date, cause: string): OutcomeChange | null {
    const verdict = decideOutcome(session, now, this.windows);
    if (verdict.outcome === 'ai_resolved') session.aiResolvedAt ??= this.settledAt(session, now);
    session.outcomeReviewAt = verdict.reviewAt;
    const from = session.outcome ?? 'in_progress';
    if (from === verdict.outcome && (session.outcomeReason ?? null) === verdict.reason) return null;
    session.outcome = verdict.outcome;
    session.outcomeReason = verdict.reason;
    session.outcomeChangedAt = now;
    const because = verdict.reason ? ` (${verdict.reason})` : '';
    return { kind: 'outcome', summary: `outcome ${from} → ${verdict.outcome}${because}`, frontEventId: null, details: { from, to: verdict.outcome, reason: verdict.reason, cause } };
  }

  private settledAt(session: SessionEntity, fallback: Date): Date {
    return session.resolvedAt ? new Date(session.resolvedAt.getTime() + this.windows.reopenMs) : fallback;
  }
}
