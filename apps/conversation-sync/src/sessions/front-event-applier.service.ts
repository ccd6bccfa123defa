import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DraftCheckRequestedContract, ReplyRequestedContract, type FrontEventV1, type ReplyRequestedV1 } from '@front-agent/contracts';
import { TransactionScope } from '@front-agent/messaging';
import { normalizeHandle } from '../contacts/contact-handle';
import { SessionOutcomeService } from '../outcomes/session-outcome.service';
import { FrontEventHydrator } from '../front/front-event-hydrator.service';
import { IntegrationProjectionService } from '../integrations/integration-projection.service';
import { draftCheckRequest } from './draft-check-request';
import { EventApplicationRepository, RECENT_ENTRIES, type EventWrite, type NewTranscriptEntry } from './event-application.repository';
import type { RecentEntry } from './event-snapshot';
import { authorKindOf, isCustomerMessage, isHumanReply, isOutboundMessage } from './event-classification';
import { ReplyRequestFactory } from './reply-request.factory';
import type { SessionEntity } from './session.entity';
import { compareFrontOrder, IntegrationFacts, isAuthoredByAi, isEligibleForAiReply, isOlderThanApplied, replaySession, SILENCE_REASONS, UNKNOWN_INTEGRATION, type StatusEvent } from './session-rules';
import type { TimelineEntryEntity } from './timeline-entry.entity';

export type ApplyOutcome = 'applied' | 'duplicate' | 'stale' | 'ignored';
type TimelineDraft = Omit<TimelineEntryEntity, 'id' | 'at' | 'orgId' | 'sessionId'>;

/** Attempts at one event while other writers keep changing its session; then the broker's retry takes over. */
const MAX_ATTEMPTS = 8;

/**
 * Applies one Front event to its session, in Front's order, and decides, for a
 * customer message, whether the AI is asked to answer (or records why not).
 * Two round trips, no transaction held between them: a snapshot read, then one
 * write that applies only over the session version read (else read again).
 */
@Injectable()
export class FrontEventApplier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionScope,
    private readonly store: EventApplicationRepository,
    private readonly integrations: IntegrationProjectionService,
    private readonly hydrator: FrontEventHydrator,
    private readonly replyRequests: ReplyRequestFactory,
    private readonly outcomes: SessionOutcomeService,
  ) {}

  async apply(received: FrontEventV1): Promise<ApplyOutcome> {
    const event = received.isPreview ? await this.hydrator.hydrate(received) : received;
    const manager = this.transactions.manager() ?? this.dataSource.manager;
    if (!event.conversationId) return (await this.store.markApplied(manager, event.orgId, event.frontEventId)) ? 'ignored' : 'duplicate';
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.applyOnce(manager, event, event.conversationId);
      if (outcome) return outcome;
      if (attempt === MAX_ATTEMPTS) throw new Error(`the session of ${event.conversationId} kept changing while ${event.frontEventId} was applied`);
    }
  }

  /** The outcome, or null when the session (or the integration) changed since it was read. */
  private async applyOnce(manager: EntityManager, event: FrontEventV1, conversationId: string): Promise<ApplyOutcome | null> {
    const query = { orgId: event.orgId, integrationId: event.integrationId, conversationId, eventId: event.frontEventId, withRecent: isCustomerMessage(event) || event.type === 'assign' };
    const read = () => this.store.read(manager, query);
    let snapshot = await read();
    if (!snapshot.alreadyApplied && !snapshot.integration && (await this.integrations.learnFromSettings(event.orgId, event.integrationId))) snapshot = await read();
    if (snapshot.alreadyApplied) return 'duplicate';
    const integration: IntegrationFacts = snapshot.integration ?? UNKNOWN_INTEGRATION;
    const session = snapshot.session ?? this.store.newSession(event.orgId, event.integrationId, conversationId);
    const transcript = transcriptEntryOf(event, integration);
    const change: EventWrite = {
      orgId: event.orgId,
      eventId: event.frontEventId,
      session,
      isNew: snapshot.session === null,
      integrationRevision: snapshot.integration?.revision ?? null,
      logged: event,
      transcript,
      contact: isCustomerMessage(event) && event.author?.handle && !session.contactId ? { ...normalizeHandle(event.author.handle), name: event.author.name ?? null } : null,
      timeline: [],
      outbox: [],
    };
    const timeline = change.timeline;
    session.channel ??= event.channel ?? null;
    const stale = isOlderThanApplied(session, event);
    const before = { status: session.status, assigneeId: session.assigneeId };
    if (!stale) this.outcomes.settleBefore(session, new Date(event.emittedAt * 1000));
    Object.assign(session, replaySession([...snapshot.log, event], integration));
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

    // A late customer message is decided on the session as Front's order leaves it: what came after it
    // (a takeover, an archive, a reassignment, or the assignment to the AI) counts, so it is not lost.
    if (isCustomerMessage(event)) {
      this.decide(change, event, integration, withEntry(snapshot.recent, transcript), stale ? assignedToAiAfter(snapshot.log, event, integration) : undefined);
    } else if (event.type === 'assign' && before.assigneeId !== session.assigneeId) this.handOverWaitingMessage(change, event, integration, snapshot.recent);
    const outcomeChange = this.outcomes.refresh(session, new Date(), `${event.type} ${event.frontEventId}`);
    if (outcomeChange) timeline.push({ ...outcomeChange, frontEventId: event.frontEventId });
    if (session.aiDraftedAt) {
      const cause = { id: event.frontEventId, label: `front.${event.type} ${event.frontEventId}`, correlationId: event.correlationId };
      change.outbox.push({ routingKey: DraftCheckRequestedContract.routingKey, message: draftCheckRequest(session, cause) });
    }
    if (!(await this.store.write(manager, change))) return null;
    return stale ? 'stale' : 'applied';
  }

  /** `assignedToAiAt`: for a late message, when a later event in Front's order gave the conversation to the AI. */
  private decide(change: EventWrite, event: FrontEventV1, integration: IntegrationFacts, recent: RecentEntry[], assignedToAiAt?: number): void {
    const { session, timeline } = change;
    const decision = isEligibleForAiReply(session, integration);
    if (!decision.requestReply) {
      session.silentReason = decision.reason;
      timeline.push(entry('decision', `silent: ${decision.reason}`, event, { rule: decision.reason, assigneeId: session.assigneeId }));
      return;
    }
    const request = this.replyRequests.build(session, event, integration.aiTeammateId!, recent, assignedToAiAt);
    queueReplyRequest(change, request, 'reply requested from the AI', event);
  }

  /**
   * The conversation was just assigned to the AI (a Front rule assigning new
   * conversations, or a teammate handing it back) while the customer's last
   * message, left silent because someone else held the conversation, still
   * waits for a reply: the AI answers it now.
   */
  private handOverWaitingMessage(change: EventWrite, event: FrontEventV1, integration: IntegrationFacts, recent: RecentEntry[]): void {
    const { session } = change;
    if (!integration.aiTeammateId || session.assigneeId !== integration.aiTeammateId || !isSilencedByAssignment(session.silentReason)) return;
    const waiting = waitingCustomerMessage(recent);
    if (!waiting || !isEligibleForAiReply(session, integration).requestReply) return;
    const request = this.replyRequests.buildForWaiting(session, event, waiting, integration.aiTeammateId, recent);
    queueReplyRequest(change, request, 'reply requested from the AI: assigned to it while the customer waited', event, { frontMessageId: waiting.frontMessageId });
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
}

function entry(kind: TimelineDraft['kind'], summary: string, event: FrontEventV1, details: Record<string, unknown> = {}): TimelineDraft {
  return { kind, summary, frontEventId: event.frontEventId, details: { type: event.type, emittedAt: event.emittedAt, deliveredBy: event.deliveredBy, ...details } };
}

function describeEvent(event: FrontEventV1): string {
  const who = event.author?.teammateId ?? event.author?.handle ?? event.author?.kind ?? 'someone';
  return `${event.type} by ${who}`;
}

/** The transcript entry a message or comment event records; null for other events. */
function transcriptEntryOf(event: FrontEventV1, integration: IntegrationFacts): NewTranscriptEntry | null {
  const isComment = event.type === 'comment';
  const id = isComment ? event.commentId : event.frontMessageId;
  if (!id || !(isComment || event.type === 'inbound' || isOutboundMessage(event))) return null;
  return {
    frontMessageId: id,
    kind: isComment ? 'comment' : 'message',
    direction: isComment ? 'internal' : (event.direction ?? (event.type === 'inbound' ? 'inbound' : 'outbound')),
    authorKind: authorKindOf(event, integration),
    authorId: event.author?.teammateId ?? null,
    authorHandle: event.author?.handle ?? null,
    text: event.text ?? '',
    emittedAt: event.emittedAt,
    receivedAt: isCustomerMessage(event) ? new Date(event.occurredAt) : null,
  };
}

/** The session no longer silent: the request goes out with the session's write, and the timeline says why. */
function queueReplyRequest(change: EventWrite, request: ReplyRequestedV1, summary: string, cause: FrontEventV1, details: Record<string, unknown> = {}): void {
  change.session.silentReason = null;
  change.outbox.push({ routingKey: ReplyRequestedContract.routingKey, message: request });
  change.timeline.push(entry('decision', summary, cause, { requestId: request.messageId, ...details }));
}

/** When the conversation was first assigned to the AI after `message` in Front's order (a late message's webhook), if it was. */
function assignedToAiAfter(log: StatusEvent[], message: FrontEventV1, integration: IntegrationFacts): number | undefined {
  const later = log.filter((event) => event.type === 'assign' && event.assigneeId === integration.aiTeammateId && compareFrontOrder(event, message) > 0);
  return later.length > 0 ? Math.min(...later.map((event) => event.emittedAt)) : undefined;
}

/** The customer message the conversation ends with (no reply after it), if any; comments and bots' auto-replies do not count. */
function waitingCustomerMessage(recent: RecentEntry[]): (RecentEntry & { frontMessageId: string }) | null {
  const last = [...recent].reverse().find((line) => line.direction !== 'internal' && line.authorKind !== 'bot');
  return last && last.authorKind === 'customer' && last.frontMessageId ? { ...last, frontMessageId: last.frontMessageId } : null;
}

/** Silences that end when the conversation is given to the AI: whom it was assigned to, a takeover, a handoff. */
const SILENCES_ENDED_BY_ASSIGNMENT = new Set<string>([
  SILENCE_REASONS.unassignedNotHandled,
  SILENCE_REASONS.assignedElsewhere,
  SILENCE_REASONS.humanActive,
  SILENCE_REASONS.handedOff,
]);

function isSilencedByAssignment(reason: string | null): boolean {
  return reason !== null && SILENCES_ENDED_BY_ASSIGNMENT.has(reason);
}

/** The last entries as they will be once `added` is recorded (it is not when its message is there already). */
function withEntry(recent: RecentEntry[], added: NewTranscriptEntry | null): RecentEntry[] {
  if (!added || recent.some((known) => known.frontMessageId === added.frontMessageId)) return recent;
  const entries = [...recent, added];
  // Stable: the new entry stays after those emitted at the same instant, as its id would put it.
  entries.sort((a, b) => a.emittedAt - b.emittedAt);
  return entries.slice(-RECENT_ENTRIES);
}
