import { SILENCE_REASONS } from '../sessions/session-rules';

/** A session's outcome, as docs/outcomes.md defines each one. */
export type SessionOutcome = 'in_progress' | 'ai_resolved_pending' | 'ai_resolved' | 'handed_off' | 'human_took_over' | 'ai_silent' | 'abandoned';

export const SESSION_OUTCOMES: readonly SessionOutcome[] = ['in_progress', 'ai_resolved_pending', 'ai_resolved', 'handed_off', 'human_took_over', 'ai_silent', 'abandoned'];

/** What the outcome is decided from; times as the session recorded them (Front's times where Front gave them). */
export interface OutcomeFacts {
  /** Set once an AI resolution outlived the reopen window: a later reopen is a new request, not a failed resolution. */
  aiResolvedAt: Date | null;
  handedOffAt: Date | null;
  handoffReason: string | null;
  silentReason: string | null;
  lastInboundAt: Date | null;
  lastAiReplyAt: Date | null;
  lastHumanReplyAt: Date | null;
  /** When the conversation was archived; null while it is open. */
  resolvedAt: Date | null;
}

export interface OutcomeWindows {
  reopenMs: number;
  abandonMs: number;
}

export interface OutcomeVerdict {
  outcome: SessionOutcome;
  reason: string | null;
  /** When time alone may change the verdict (end of a window); null when only a new fact can. */
  reviewAt: Date | null;
}

/**
 * The strict outcome of a session at `now`. A resolution counts only when the
 * AI answered last, the conversation was archived and stayed archived for the
 * whole reopen window; a handoff or a human reply is never counted as the AI's.
 */
export function decideOutcome(facts: OutcomeFacts, now: Date, windows: OutcomeWindows): OutcomeVerdict {
  if (facts.aiResolvedAt) return verdict('ai_resolved');
  const lastAi = facts.lastAiReplyAt?.getTime() ?? null;
  if (facts.handedOffAt && (lastAi === null || facts.handedOffAt.getTime() >= lastAi)) return verdict('handed_off', facts.handoffReason ?? 'unspecified');
  if (lastAi === null) {
    if (facts.silentReason && facts.silentReason !== SILENCE_REASONS.humanActive) return verdict('ai_silent', facts.silentReason);
    return facts.lastHumanReplyAt ? verdict('human_took_over') : verdict('in_progress');
  }
  if (facts.lastHumanReplyAt && facts.lastHumanReplyAt.getTime() > lastAi) return verdict('human_took_over');
  if (facts.resolvedAt) {
    const settlesAt = facts.resolvedAt.getTime() + windows.reopenMs;
    return now.getTime() >= settlesAt ? verdict('ai_resolved') : { outcome: 'ai_resolved_pending', reason: null, reviewAt: new Date(settlesAt) };
  }
  if (facts.lastInboundAt && facts.lastInboundAt.getTime() > lastAi) {
    return facts.silentReason ? verdict('ai_silent', facts.silentReason) : verdict('in_progress');
  }
  const abandonedAt = lastAi + windows.abandonMs;
  return now.getTime() >= abandonedAt ? verdict('abandoned') : { outcome: 'in_progress', reason: null, reviewAt: new Date(abandonedAt) };
}

/** True when the AI acted on the conversation (answered or handed off): the denominator of the resolution rate. */
export function isAiInvolved(facts: Pick<OutcomeFacts, 'lastAiReplyAt' | 'handedOffAt'>): boolean {
  return Boolean(facts.lastAiReplyAt || facts.handedOffAt);
}

function verdict(outcome: SessionOutcome, reason: string | null = null): OutcomeVerdict {
  return { outcome, reason, reviewAt: null };
}
