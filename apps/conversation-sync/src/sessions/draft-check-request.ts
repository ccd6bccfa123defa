import type { DraftCheckRequestedV1 } from '@front-agent/contracts';
import type { SessionEntity } from './session.entity';

/**
 * `conversation.draft-check-requested` for a session where the AI left a
 * copilot draft. Deterministic id: re-applying the same cause queues the same
 * message, which ai-responder may take twice harmlessly (settling a draft is
 * once-only).
 */
export function draftCheckRequest(session: SessionEntity, cause: { id: string; label: string; correlationId: string }): DraftCheckRequestedV1 {
  return {
    messageId: `draft-check:${cause.id}`,
    orgId: session.orgId,
    correlationId: cause.correlationId,
    occurredAt: new Date().toISOString(),
    version: 1,
    sessionId: session.id,
    integrationId: session.integrationId,
    conversationId: session.conversationId,
    cause: cause.label,
  };
}
