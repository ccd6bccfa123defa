import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AiOutcomeV1, ReplyRequestedV1 } from '@front-agent/contracts';
import { OutboxWriter } from '@front-agent/messaging';
import { AnswerJournalRepository } from './answer-journal.repository';
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
 * Records the decision trail and publishes the `ai.*` outcome in one
 * transaction. The decision row is also what makes a redelivered request a
 * duplicate (responder.decisions is unique per request): a request whose
 * decision is recorded publishes nothing again.
 */
@Injectable()
export class OutcomePublisher {
  constructor(
    private readonly journal: AnswerJournalRepository,
    private readonly outbox: OutboxWriter,
    private readonly db: DataSource,
  ) {}

  async publishOutcome(
    request: ReplyRequestedV1,
    trail: TrailRecorder,
    facts: OutcomeFacts,
    alsoInTransaction: (manager: EntityManager) => Promise<void>,
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
    await this.db.transaction(async (manager) => {
      if (await this.journal.saveDecision(manager, record)) await this.outbox.enqueue(manager, ROUTING_KEYS[facts.outcome], message);
      await alsoInTransaction(manager);
    });
  }
}
