import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DraftCheckRequestedContract, type FrontEventV1 } from '@front-agent/contracts';
import { OutboxWriter, TransactionScope } from '@front-agent/messaging';
import { ContactService } from '../contacts/contact.service';
import { SessionOutcomeService } from '../outcomes/session-outcome.service';
import { FrontEventHydrator } from '../front/front-event-hydrator.service';
import { IntegrationProjectionService } from '../integrations/integration-projection.service';
import { TranscriptRepository } from '../transcript/transcript.repository';
import { draftCheckRequest } from './draft-check-request';
import { authorKindOf, isCustomerMessage, isHumanReply, isOutboundMessage } from './event-classification';
import { ReplyRequestFactory } from './reply-request.factory';
import type { SessionEntity } from './session.entity';
import { SessionRepository } from './session.repository';
import { IntegrationFacts, isAuthoredByAi, isEligibleForAiReply, isOlderThanApplied, replaySession, SILENCE_REASONS } from './session-rules';
import type { TimelineEntryEntity } from './timeline-entry.entity';

export type ApplyOutcome = 'applied' | 'duplicate' | 'stale' | 'ignored';
type TimelineDraft = Omit<TimelineEntryEntity, 'id' | 'at' | 'orgId' | 'sessionId'>;

/**
 * Applies one Front event to its session, one conversation at a time (row
 * lock) and in Front's order; decides, for a customer message, whether the
 * AI is asked to answer, and records why when it is not.
 */
@Injectable()
export class FrontEventApplier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionScope,
    private readonly sessions: SessionRepository,
    private readonly transcript: TranscriptRepository,
    private readonly integrations: IntegrationProjectionService,
    private readonly contacts: ContactService,
    private readonly hydrator: FrontEventHydrator,
    private readonly replyRequests: ReplyRequestFactory,
    private readonly outbox: OutboxWriter,
    private readonly outcomes: SessionOutcomeService,
  ) {}

  async apply(received: FrontEventV1): Promise<ApplyOutcome> {
    const event = received.isPreview ? await this.hydrator.hydrate(received) : received;
    const manager = this.transactions.manager();
    return manager ? this.applyIn(manager, event) : this.dataSource.transaction((tx) => this.applyIn(tx, event));
  }

  private async applyIn(manager: EntityManager, event: FrontEventV1): Promise<ApplyOutcome> {
    const applied = await this.integrations.markEventApplied(manager, event.orgId, event.integrationId, event.frontEventId);
    if (!applied) return 'duplicate';
    if (!event.conversationId) return 'ignored';
    const integration = await this.integrations.factsFor(manager, event.orgId, event.integrationId, applied.state);
    const session = await this.sessions.lockOrCreateSession(manager, event.orgId, event.integrationId, event.conversationId);
    const timeline: TimelineDraft[] = [];
    await this.recordTranscript(manager, session, event, integration);
    if (isCustomerMessage(event) && event.author?.handle && !session.contactId) {
      session.contactId = await this.contacts.resolveContact(manager, event.orgId, event.author.handle, event.author.name);
    }
    session.channel ??= event.channel ?? null;
    const stale = isOlderThanApplied(session, event);
    const before = { status: session.status, assigneeId: session.assigneeId };
    if (!stale) this.outcomes.settleBefore(session, new Date(event.emittedAt * 1000));
    Object.assign(session, replaySession(await this.sessions.logSessionEvent(manager, session.orgId, session.id, event), integration));
    if (!stale) {
      session.lastEmittedAt = event.emittedAt;
      session.lastEventId = event.frontEventId;
    }
    this.stampTimes(session, event, integration);
    timeline.push(entry('event', stale ? `${event.type} arrived late: put in its place in Front's order` : describeEvent(event), event));
    if (before.assigneeId !== session.assigneeId) {
      timeline.push(entry('assignment', `assigned to ${session.assigneeId ?? 'nobody'}`, event, { by: event.author?.teammateId ?? null, from: before.assigneeId }));
    }
    if (event.type === 'tag' || event.type === 'untag') {
      timeline.push(entry('tag', `${event.type === 'tag' ? 'tagged' : 'untagged'} ${event.tagName ?? event.tagId ?? ''}`.trim(), event, { by: event.author?.teammateId ?? null }));
    }
    if (before.status !== session.status) timeline.push(entry('status', `${before.status} → ${session.status}`, event));

    if (isCustomerMessage(event) && stale) {
      timeline.push(entry('decision', `silent: ${SILENCE_REASONS.stale}`, event, { rule: 'stale' }));
    } else if (isCustomerMessage(event)) {
      await this.decide(manager, session, event, integration, timeline);
    }
    const change = this.outcomes.refresh(session, new Date(), `${event.type} ${event.frontEventId}`);
    if (change) timeline.push({ ...change, frontEventId: event.frontEventId });
    await this.finish(manager, session, timeline);
    if (session.aiDraftedAt) {
      const cause = { id: event.frontEventId, label: `front.${event.type} ${event.frontEventId}`, correlationId: event.correlationId };
      await this.outbox.enqueue(manager, DraftCheckRequestedContract.routingKey, draftCheckRequest(session, cause));
    }
    return stale ? 'stale' : 'applied';
  }

  private async decide(manager: EntityManager, session: SessionEntity, event: FrontEventV1, integration: IntegrationFacts, timeline: TimelineDraft[]) {
    const decision = isEligibleForAiReply(session, integration);
    if (!decision.requestReply) {
      session.silentReason = decision.reason;
      timeline.push(entry('decision', `silent: ${decision.reason}`, event, { rule: decision.reason, assigneeId: session.assigneeId }));
      return;
    }
    session.silentReason = null;
    const recent = await this.transcript.recentEntries(manager, session.orgId, session.id);
    const request = this.replyRequests.build(session, event, integration.aiTeammateId!, recent);
    await this.outbox.enqueue(manager, 'conversation.reply-requested', request);
    timeline.push(entry('decision', 'reply requested from the AI', event, { requestId: request.messageId }));
  }

  private async recordTranscript(manager: EntityManager, session: SessionEntity, event: FrontEventV1, integration: IntegrationFacts) {
    const isComment = event.type === 'comment';
    const id = isComment ? event.commentId : event.frontMessageId;
    if (!id || !(isComment || event.type === 'inbound' || isOutboundMessage(event))) return;
    await this.transcript.recordEntry(manager, {
      orgId: session.orgId,
      sessionId: session.id,
      frontMessageId: id,
      kind: isComment ? 'comment' : 'message',
      direction: isComment ? 'internal' : (event.direction ?? (event.type === 'inbound' ? 'inbound' : 'outbound')),
      authorKind: authorKindOf(event, integration),
      authorId: event.author?.teammateId ?? null,
      authorHandle: event.author?.handle ?? null,
      text: event.text ?? '',
      emittedAt: event.emittedAt,
    }, isCustomerMessage(event) ? new Date(event.occurredAt) : null);
  }

  private stampTimes(session: SessionEntity, event: FrontEventV1, integration: IntegrationFacts): void {
    const at = new Date(event.emittedAt * 1000);
    if (isCustomerMessage(event)) {
      session.firstInboundAt ??= at;
      if (!session.lastInboundAt || session.lastInboundAt < at) session.lastInboundAt = at;
    }
    if (isOutboundMessage(event) && isAuthoredByAi(event, integration)) {
      session.firstAiReplyAt ??= at;
      session.lastAiReplyAt = at;
    }
    if (isHumanReply(event, integration)) session.lastHumanReplyAt = at;
    session.resolvedAt = session.status === 'resolved' ? (session.resolvedAt ?? at) : null;
  }

  private async finish(manager: EntityManager, session: SessionEntity, timeline: TimelineDraft[]): Promise<void> {
    await this.sessions.saveSession(
      manager,
      session,
      timeline.map((draft) => ({ ...draft, orgId: session.orgId, sessionId: session.id })),
    );
  }
}

function entry(kind: TimelineDraft['kind'], summary: string, event: FrontEventV1, details: Record<string, unknown> = {}): TimelineDraft {
  return { kind, summary, frontEventId: event.frontEventId, details: { type: event.type, emittedAt: event.emittedAt, deliveredBy: event.deliveredBy, ...details } };
}

function describeEvent(event: FrontEventV1): string {
  const who = event.author?.teammateId ?? event.author?.handle ?? event.author?.kind ?? 'someone';
  return `${event.type} by ${who}`;
}
