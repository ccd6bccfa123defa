import { Injectable } from '@nestjs/common';
import type { AiOutcomeV1, ReplyRequestedV1 } from '@front-agent/contracts';
import { OutboxWriter } from '@front-agent/messaging';
import { AnswerJournalRepository, OUTCOME_FIRST_PARAMETER } from './answer-journal.repository';
import type { ConversationLease } from './conversation-leases';
import type { TrailRecorder } from './decision-trail';

export type Outcome = AiOutcomeV1['outcome'];

/** How one request ended. */
export interface OutcomeFacts {
  outcome: Outcome;
  reason?: string;
  messageUid?: string | null;
  replyText?: string;
  draftId?: string;
  answeredMessageIds: string[];
}

const ROUTING_KEYS: Record<Outcome, string> = {
  replied: 'ai.replied',
  drafted: 'ai.drafted',
  'handed-off': 'ai.handed-off',
  resolved: 'ai.resolved',
  failed: 'ai.failed',
  skipped: 'ai.skipped',
};

/**
 * Records the decision trail, publishes the `ai.*` outcome and gives the
 * conversation's lease up, in one statement. The decision row is also what
 * makes a redelivered request a duplicate (responder.decisions is unique per
 * request): a request whose decision is recorded publishes nothing again.
 */
@Injectable()
export class OutcomePublisher {
  constructor(
    private readonly journal: AnswerJournalRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async publishOutcome(
    request: ReplyRequestedV1,
    trail: TrailRecorder,
    facts: OutcomeFacts,
    lease: ConversationLease,
  ): Promise<void> {
    trail.set('decision', facts.outcome);
    if (facts.reason) trail.set('reason', facts.reason);
    const latencyMs = trail.elapsedMs();
    const details = trail.toTrail();
    const record = {
      orgId: request.orgId,
      integrationId: request.integrationId,
      sessionId: request.sessionId,
      conversationId: request.conversationId,
      requestMessageId: request.messageId,
      triggerMessageId: request.trigger.frontMessageId,
      outcome: facts.outcome,
      reason: facts.reason,
      answeredMessageIds: facts.answeredMessageIds,
      messageUid: facts.messageUid ?? undefined,
      latencyMs,
      trail: details,
    };
    const message: AiOutcomeV1 = {
      messageId: `${request.messageId}:outcome`,
      orgId: request.orgId,
      correlationId: request.correlationId,
      occurredAt: new Date().toISOString(),
      version: 1,
      outcome: facts.outcome,
      sessionId: request.sessionId,
      integrationId: request.integrationId,
      conversationId: request.conversationId,
      triggerMessageId: request.trigger.frontMessageId,
      messageUid: facts.messageUid ?? undefined,
      replyText: facts.replyText,
      draftId: facts.draftId,
      reason: facts.reason,
      latencyMs,
      answeredMessageIds: facts.answeredMessageIds,
      trail: details,
    };
    const outcome = this.outbox.insertFor(ROUTING_KEYS[facts.outcome], message, OUTCOME_FIRST_PARAMETER);
    lease.stopRenewing();
    const queued = await this.journal.decide(record, lease.holder, outcome);
    lease.markReleased();
    if (queued) this.outbox.committed(outcome.messages);
  }
}
