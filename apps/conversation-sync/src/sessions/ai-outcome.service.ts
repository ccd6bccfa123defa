import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DraftCheckRequestedContract, type AiOutcomeV1 } from '@front-agent/contracts';
import { TransactionScope } from '@front-agent/messaging';
import { ReplyLatencyService } from '../outcomes/reply-latency.service';
import { SessionOutcomeService } from '../outcomes/session-outcome.service';
import { draftCheckRequest } from './draft-check-request';
import { EventApplicationRepository, type EventWrite } from './event-application.repository';
import { replaySession, UNKNOWN_INTEGRATION } from './session-rules';

const SUMMARIES: Record<AiOutcomeV1['outcome'], string> = {
  replied: 'AI replied',
  drafted: 'AI drafted a reply for a teammate',
  'handed-off': 'AI handed off to the team',
  resolved: 'AI resolved the conversation',
  failed: 'AI failed',
  skipped: 'AI did not answer',
};

/** Attempts while other writers keep changing the session; then the broker's retry takes over. */
const MAX_ATTEMPTS = 8;

/**
 * Applies what ai-responder did to the session: status, times and the decision
 * trail on the timeline. Like a Front event (FrontEventApplier): one snapshot
 * read, one write over the session version read, once per outcome
 * (applied_events keeps `ai:<messageId>`).
 */
@Injectable()
export class AiOutcomeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionScope,
    private readonly store: EventApplicationRepository,
    private readonly outcomes: SessionOutcomeService,
    private readonly latency: ReplyLatencyService,
  ) {}

  async apply(outcome: AiOutcomeV1): Promise<void> {
    const manager = this.transactions.manager() ?? this.dataSource.manager;
    for (let attempt = 1; !(await this.applyOnce(manager, outcome)); attempt += 1) {
      if (attempt === MAX_ATTEMPTS) throw new Error(`session ${outcome.sessionId} kept changing while ai.${outcome.outcome} ${outcome.messageId} was applied`);
    }
  }

  /** False when the session (or the integration) changed since it was read. */
  private async applyOnce(manager: EntityManager, outcome: AiOutcomeV1): Promise<boolean> {
    const eventId = `ai:${outcome.messageId}`;
    const snapshot = await this.store.read(manager, {
      orgId: outcome.orgId,
      integrationId: outcome.integrationId,
      conversationId: outcome.conversationId,
      eventId,
      withRecent: false,
      receivedOf: outcome.outcome === 'replied' ? this.latency.answeredBy(outcome) : undefined,
    });
    const session = snapshot.session;
    if (snapshot.alreadyApplied || !session || session.id !== outcome.sessionId) return true;
    const now = new Date();
    const previous = session.status;
    const endToEndMs = outcome.outcome === 'replied' ? this.latency.latencyOf(outcome, snapshot.earliestReceivedAt) : null;
    const change: EventWrite = {
      orgId: session.orgId,
      eventId,
      session,
      isNew: false,
      integrationRevision: snapshot.integration?.revision ?? null,
      logged: null,
      transcript: null,
      contact: null,
      timeline: [],
      outbox: [],
    };
    if (outcome.outcome === 'replied') {
      session.firstAiReplyAt ??= now;
      session.lastAiReplyAt = now;
    }
    if (outcome.outcome === 'drafted') {
      session.aiDraftedAt ??= now;
      // The teammate may have sent or discarded the draft before this report arrived: look once now.
      const cause = { id: outcome.messageId, label: 'ai.drafted', correlationId: outcome.correlationId };
      change.outbox.push({ routingKey: DraftCheckRequestedContract.routingKey, message: draftCheckRequest(session, cause) });
    }
    if (outcome.outcome === 'handed-off') {
      session.handoffReason = outcome.reason ?? 'unspecified';
      session.handedOffAt = new Date(outcome.occurredAt);
      change.logged = { type: 'ai.handed-off', frontEventId: eventId, emittedAt: Date.parse(outcome.occurredAt) / 1000 };
      Object.assign(session, replaySession([...snapshot.log, change.logged], snapshot.integration ?? UNKNOWN_INTEGRATION));
    }
    const outcomeChange = this.outcomes.refresh(session, now, `ai.${outcome.outcome} ${outcome.messageId}`);
    const reason = outcome.reason ? `: ${outcome.reason}` : '';
    change.timeline.push({
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
    });
    if (previous !== session.status) change.timeline.push({ kind: 'status', summary: `${previous} → ${session.status}`, frontEventId: null, details: {} });
    if (outcomeChange) change.timeline.push(outcomeChange);
    if (!(await this.store.write(manager, change))) return false;
    if (endToEndMs !== null) this.latency.observe(session.channel, endToEndMs);
    return true;
  }
}
