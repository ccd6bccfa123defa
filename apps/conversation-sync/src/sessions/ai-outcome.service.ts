import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AiOutcomeV1 } from '@front-agent/contracts';
import { TransactionScope } from '@front-agent/messaging';
import { SessionRepository } from './session.repository';

const SUMMARIES: Record<AiOutcomeV1['outcome'], string> = {
  replied: 'AI replied',
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
    if (outcome.outcome === 'replied') {
      session.firstAiReplyAt ??= now;
      session.lastAiReplyAt = now;
    }
    if (outcome.outcome === 'handed-off') {
      session.handoffReason = outcome.reason ?? 'unspecified';
      if (session.status !== 'resolved') session.status = 'handed_off';
    }
    await this.sessions.saveSession(manager, session);
    const reason = outcome.reason ? `: ${outcome.reason}` : '';
    await this.sessions.appendTimeline(manager, [
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
          trail: outcome.trail,
        },
      },
      ...(previous !== session.status
        ? [{ orgId: session.orgId, sessionId: session.id, kind: 'status' as const, summary: `${previous} → ${session.status}`, frontEventId: null, details: {} }]
        : []),
    ]);
  }
}
