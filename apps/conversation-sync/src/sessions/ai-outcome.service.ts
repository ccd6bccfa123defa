import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DraftCheckRequestedContract, type AiOutcomeV1 } from '@front-agent/contracts';
import { OutboxWriter, TransactionScope } from '@front-agent/messaging';
import { IntegrationProjectionService } from '../integrations/integration-projection.service';
import { ReplyLatencyService } from '../outcomes/reply-latency.service';
import { SessionOutcomeService } from '../outcomes/session-outcome.service';
import { draftCheckRequest } from './draft-check-request';
import { SessionRepository } from './session.repository';
import { replaySession } from './session-rules';

const SUMMARIES: Record<AiOutcomeV1['outcome'], string> = {
  replied: 'AI replied',
  drafted: 'AI drafted a reply for a teammate',
  'handed-off': 'AI handed off to the team',
  resolved: 'AI resolved the conversation',
  failed: 'AI failed',
  skipped: 'AI did not answer',
};

/** Applies what ai-responder did to the session: status, times and the decision trail on the timeline. */
@Injectable()
export class AiOutcomeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionScope,
    private readonly sessions: SessionRepository,
    private readonly integrations: IntegrationProjectionService,
    private readonly outcomes: SessionOutcomeService,
    private readonly latency: ReplyLatencyService,
    private readonly outbox: OutboxWriter,
  ) {}

  apply(outcome: AiOutcomeV1): Promise<void> {
    const manager = this.transactions.manager();
    return manager ? this.applyIn(manager, outcome) : this.dataSource.transaction((tx) => this.applyIn(tx, outcome));
  }

  private async applyIn(manager: EntityManager, outcome: AiOutcomeV1): Promise<void> {
    const session = await this.sessions.lockSessionById(manager, outcome.orgId, outcome.sessionId);
    if (!session) return;
    const now = new Date();
    const previous = session.status;
    const endToEndMs = outcome.outcome === 'replied' ? await this.latency.observeReply(manager, session.orgId, session.channel, outcome) : null;
    if (outcome.outcome === 'replied') {
      session.firstAiReplyAt ??= now;
      session.lastAiReplyAt = now;
    }
    if (outcome.outcome === 'drafted') {
      session.aiDraftedAt ??= now;
      // The teammate may have sent or discarded the draft before this report arrived: look once now.
      const cause = { id: outcome.messageId, label: 'ai.drafted', correlationId: outcome.correlationId };
      await this.outbox.enqueue(manager, DraftCheckRequestedContract.routingKey, draftCheckRequest(session, cause));
    }
    if (outcome.outcome === 'handed-off') {
      session.handoffReason = outcome.reason ?? 'unspecified';
      session.handedOffAt = new Date(outcome.occurredAt);
      const at = Date.parse(outcome.occurredAt) / 1000;
      const log = await this.sessions.logSessionEvent(manager, session.orgId, session.id, { type: 'ai.handed-off', frontEventId: `ai:${outcome.messageId}`, emittedAt: at });
      const integration = await this.integrations.factsFor(manager, session.orgId, session.integrationId);
      Object.assign(session, replaySession(log, integration));
    }
    const change = this.outcomes.refresh(session, now, `ai.${outcome.outcome} ${outcome.messageId}`);
    const reason = outcome.reason ? `: ${outcome.reason}` : '';
    await this.sessions.saveSession(manager, session, [
      {
        orgId: session.orgId,
        sessionId: session.id,
        kind: 'ai',
        summary: `${SUMMARIES[outcome.outcome]}${reason}`,
        frontEventId: null,
        details: {
          outcome: outcome.outcome,
          triggerMessageId: outcome.triggerMessageId,
          answeredMessageIds: outcome.answeredMessageIds,
          messageUid: outcome.messageUid,
          replyText: outcome.replyText,
          latencyMs: outcome.latencyMs,
          endToEndMs,
          trail: outcome.trail,
        },
      },
      ...(previous !== session.status
        ? [{ orgId: session.orgId, sessionId: session.id, kind: 'status' as const, summary: `${previous} → ${session.status}`, frontEventId: null, details: {} }]
        : []),
      ...(change ? [{ ...change, orgId: session.orgId, sessionId: session.id }] : []),
    ]);
  }
}
