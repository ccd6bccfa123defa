import type { FrontEventV1 } from '@front-agent/contracts';

export type SessionStatus = 'open' | 'handed_off' | 'human_active' | 'resolved';

/** What the rules need to know of a session. */
export interface SessionFacts {
  status: SessionStatus;
  /** Current Front assignee; null when unassigned, undefined when never seen. */
  assigneeId: string | null | undefined;
  /** Front order of the last event applied: emitted_at, then event id. */
  lastEmittedAt: number;
  lastEventId: string;
}

/** The integration as conversation-sync last heard of it. */
export interface IntegrationFacts {
  connected: boolean;
  enabled: boolean;
  handleUnassigned: boolean;
  aiTeammateId: string | null;
}

/** What is decided with while an integration's state is not known: the AI stays silent. */
export const UNKNOWN_INTEGRATION: IntegrationFacts = { connected: false, enabled: false, handleUnassigned: false, aiTeammateId: null };

/** Why the AI stays silent, in words the status page shows. */
export const SILENCE_REASONS = {
  disconnected: 'integration disconnected',
  disabled: 'integration disabled',
  noAiTeammate: 'no AI teammate chosen',
  assignedElsewhere: 'assigned to another teammate',
  unassignedNotHandled: 'unassigned and "Handle unassigned conversations" is off',
  handedOff: 'handed off to the team',
  humanActive: 'a teammate replied',
  ownMessage: "the AI's own message",
  notCustomer: 'not a customer message',
  archivedSince: 'archived after the message was sent',
} as const;

export type SilenceReason = (typeof SILENCE_REASONS)[keyof typeof SILENCE_REASONS];

export type Decision = { requestReply: true } | { requestReply: false; reason: SilenceReason };

/**
 * True when `event` was emitted before what the session already applied. Events
 * emitted at the same instant are not older: Front's ids carry no order, so a
 * tie is applied in arrival order rather than dropped.
 */
export function isOlderThanApplied(facts: Pick<SessionFacts, 'lastEmittedAt' | 'lastEventId'>, event: Pick<FrontEventV1, 'emittedAt' | 'frontEventId'>): boolean {
  return event.emittedAt < facts.lastEmittedAt;
}

/** Front's order for a batch (the reconciler's): emitted_at, then id, ids compared naturally. */
export function compareFrontOrder(a: Pick<FrontEventV1, 'emittedAt' | 'frontEventId'>, b: Pick<FrontEventV1, 'emittedAt' | 'frontEventId'>): number {
  if (a.emittedAt !== b.emittedAt) return a.emittedAt - b.emittedAt;
  return a.frontEventId.localeCompare(b.frontEventId, 'en', { numeric: true });
}

/** May the AI answer this inbound customer message, given the session after the event was applied? */
export function isEligibleForAiReply(session: SessionFacts, integration: IntegrationFacts): Decision {
  if (!integration.connected) return silent('disconnected');
  if (!integration.enabled) return silent('disabled');
  if (!integration.aiTeammateId) return silent('noAiTeammate');
  if (session.status === 'handed_off') return silent('handedOff');
  if (session.status === 'human_active') return silent('humanActive');
  // A customer message reopens an archived conversation, so this is a late message with an archive after it.
  if (session.status === 'resolved') return silent('archivedSince');
  if (session.assigneeId === null || session.assigneeId === undefined) {
    return integration.handleUnassigned ? { requestReply: true } : silent('unassignedNotHandled');
  }
  if (session.assigneeId !== integration.aiTeammateId) return silent('assignedElsewhere');
  return { requestReply: true };
}

/** What the status rules read of an event; `ai.handed-off` marks the AI's handoff in the log. */
export type StatusEvent = Pick<FrontEventV1, 'type' | 'assigneeId' | 'author' | 'emittedAt' | 'frontEventId'>;

/**
 * The session's status and assignee from its whole event log, applied in
 * Front's order: a late event takes its place instead of being lost, and an
 * older reopen cannot undo a newer archive.
 */
export function replaySession(events: StatusEvent[], integration: IntegrationFacts): Pick<SessionFacts, 'status' | 'assigneeId'> {
  let state: SessionFacts = { status: 'open', assigneeId: undefined, lastEmittedAt: 0, lastEventId: '' };
  for (const event of [...events].sort(compareFrontOrder)) {
    const status = nextStatus(state, event, integration);
    state = { ...state, status, assigneeId: event.assigneeId !== undefined ? event.assigneeId : state.assigneeId };
  }
  return { status: state.status, assigneeId: state.assigneeId };
}

/** The session's status after an event, before eligibility is asked. */
export function nextStatus(session: Pick<SessionFacts, 'status' | 'assigneeId'>, event: StatusEvent, integration: IntegrationFacts): SessionStatus {
  const assignee = event.assigneeId !== undefined ? event.assigneeId : session.assigneeId;
  switch (event.type) {
    case 'archive':
    case 'trash':
      return 'resolved';
    case 'reopen':
    case 'restore':
      return session.status === 'resolved' ? 'open' : session.status;
    case 'inbound':
      return session.status === 'resolved' ? 'open' : session.status;
    case 'outbound':
    case 'out_reply':
      if (isAuthoredByAi(event, integration)) return session.status;
      return event.author?.kind === 'bot' ? session.status : session.status === 'resolved' ? 'resolved' : 'human_active';
    case 'assign':
      if (assignee && assignee === integration.aiTeammateId && session.status !== 'resolved') return 'open';
      return session.status;
    case 'ai.handed-off':
      return session.status === 'resolved' ? 'resolved' : 'handed_off';
    default:
      return session.status;
  }
}

export function isAuthoredByAi(event: Pick<FrontEventV1, 'author'>, integration: IntegrationFacts): boolean {
  return Boolean(integration.aiTeammateId && event.author?.teammateId === integration.aiTeammateId);
}

function silent(key: keyof typeof SILENCE_REASONS): Decision {
  return { requestReply: false, reason: SILENCE_REASONS[key] };
}
