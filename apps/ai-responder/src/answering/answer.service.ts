import { Injectable, Logger } from '@nestjs/common';
import type { ReplyRequestedV1 } from '@front-agent/contracts';
import { FrontRateLimitedError } from '@front-agent/front-client';
import { DeferDeliveryError } from '@front-agent/messaging';
import { FrontCredentialsMissingError, FrontAccessService, type FrontAccess } from '../front/front-access.service';
import { DraftEffectsService } from '../front/draft-effects.service';
import { FrontEffectsService, type EffectTarget } from '../front/front-effects.service';
import { HandoffService } from '../handoff/handoff.service';
import { DEFAULT_CONTROLS } from '../integrations/integration-state';
import { IntegrationStateRepository } from '../integrations/integration-state.repository';
import { FIRST_SYNC_WAIT_SECONDS, KnowledgeReadiness } from '../knowledge/knowledge-readiness.service';
import { AnswerAdmission } from './answer-admission';
import { AnswerComposer, type Decision } from './answer-composer';
import { AnswerJournalRepository } from './answer-journal.repository';
import { ConversationLeases, type ConversationLease } from './conversation-leases';
import { aiRepliedBefore, aiReplyAfter, readConversation, readMessages, staleReason, unansweredCustomerMessages, type ConversationSnapshot, type SnapshotMessage } from './conversation-snapshot';
import { TrailRecorder } from './decision-trail';
import { OutcomePublisher, type OutcomeFacts } from './outcome-publisher';

/** From this delivery attempt on, a failing request is handed to the team instead of retried again. */
export const HANDOFF_AFTER_ATTEMPTS = 3;
/** How soon a question that waits for the first knowledge sync is tried again. */
const FIRST_SYNC_RETRY_MS = 2_000;
/** Rounds of "a newer customer message arrived while preparing: answer them together". */
const MAX_ROUNDS = 3;

/**
 * Answers one `conversation.reply-requested`: one conversation at a time
 * (bursts coalesce), decides, re-checks Front right before writing (stale
 * guard), writes each effect at most once, and reports the outcome with its
 * decision trail.
 */
@Injectable()
export class AnswerService {
  private readonly logger = new Logger(AnswerService.name);

  constructor(
    private readonly journal: AnswerJournalRepository,
    private readonly front: FrontAccessService,
    private readonly integrations: IntegrationStateRepository,
    private readonly composer: AnswerComposer,
    private readonly effects: FrontEffectsService,
    private readonly drafts: DraftEffectsService,
    private readonly handoff: HandoffService,
    private readonly outcomes: OutcomePublisher,
    private readonly knowledge: KnowledgeReadiness,
    private readonly leases: ConversationLeases,
    private readonly admission: AnswerAdmission,
  ) {}

  async answerRequest(request: ReplyRequestedV1, attempt: number): Promise<void> {
    const trail = new TrailRecorder();
    const lease = await trail.step('lock', () => this.leases.acquire(request.orgId, request.conversationId, request.messageId));
    if (lease === 'processed') {
      this.logger.debug({ msg: 'reply request already decided', orgId: request.orgId, requestId: request.messageId });
      return;
    }
    try {
      await this.answerUnderLease(lease, request, trail, attempt);
    } finally {
      if (!lease.released) await this.leases.release(lease);
    }
  }

  private async answerUnderLease(lease: ConversationLease, request: ReplyRequestedV1, trail: TrailRecorder, attempt: number): Promise<void> {
    const triggerId = request.trigger.frontMessageId;
    const answered = await this.journal.findAnsweredMessageIds(request.orgId, request.conversationId, [triggerId], triggerId);
    if (answered.has(triggerId)) return this.finish(lease, request, trail, { outcome: 'skipped', reason: 'coalesced', answeredMessageIds: [] });
    if (await this.waitsForFirstSync(request)) throw new DeferDeliveryError('first_knowledge_sync', FIRST_SYNC_RETRY_MS);
    try {
      await this.answer(lease, request, trail);
    } catch (error) {
      if (error instanceof DeferDeliveryError) throw error;
      if (error instanceof FrontCredentialsMissingError) {
        return this.finish(lease, request, trail, { outcome: 'failed', reason: error.code, answeredMessageIds: [] });
      }
      if (error instanceof FrontRateLimitedError) throw budgetWait(error);
      this.logger.warn({ msg: 'answer failed', orgId: request.orgId, conversationId: request.conversationId, attempt, error: (error as Error).message });
      if (attempt < HANDOFF_AFTER_ATTEMPTS || error instanceof LeaseLostError) throw error;
      await this.handOffAfterFailures(lease, request, trail, error as Error);
    }
  }

  private async answer(lease: ConversationLease, request: ReplyRequestedV1, trail: TrailRecorder): Promise<void> {
    const access = await trail.step('credentials', () => this.front.accessFor(request.orgId, request.integrationId));
    const done = this.admission.admit(access);
    try {
      await this.answerWith(access, lease, request, trail);
    } finally {
      done();
    }
  }

  private async answerWith(access: FrontAccess, lease: ConversationLease, request: ReplyRequestedV1, trail: TrailRecorder): Promise<void> {
    const integration = await this.integrations.findIntegration(request.orgId, request.integrationId);
    const controls = integration?.controls ?? DEFAULT_CONTROLS;
    const ai = request.aiTeammateId;
    const triggerAt = request.trigger.emittedAt;
    const assignedToAiAt = request.trigger.assignedToAiAt;
    let snapshot = await trail.step('read_messages', () => readMessages(access.client, request.conversationId));
    for (let round = 1; ; round += 1) {
      const stale = staleReason(snapshot, ai, triggerAt, assignedToAiAt);
      trail.check('stale_guard', stale === null, stale ?? undefined);
      if (stale) return this.finish(lease, request, trail, { outcome: 'skipped', reason: stale, answeredMessageIds: [] });
      const own = aiReplyAfter(snapshot, ai, triggerAt);
      // Only a reply this trigger's earlier attempt intended is ours to recover; another request's reply is not an answer to it.
      if (own && (await this.journal.findEffect(request.orgId, request.trigger.frontMessageId, 'reply'))) {
        return this.finishAlreadyReplied(lease, request, trail, own);
      }

      const pending = await this.pendingMessages(request, snapshot);
      if (!pending.some((message) => message.id === request.trigger.frontMessageId)) {
        return this.finish(lease, request, trail, { outcome: 'skipped', reason: 'coalesced', answeredMessageIds: [] });
      }
      const question = pending.map((message) => message.text).join('\n');
      const transcript = request.transcript.filter((line) => !pending.some((message) => message.text === line.text));
      const decision = await this.composer.compose(
        {
          orgId: request.orgId, integrationId: request.integrationId, channel: request.channel, question, transcript, controls,
          aiRepliedBefore: aiRepliedBefore(snapshot, ai),
        },
        trail,
      );

      const fresh = await trail.step('stale_guard', () => readConversation(access.client, request.conversationId));
      const newer = unansweredCustomerMessages(fresh, ai).filter((message) => !pending.some((p) => p.id === message.id));
      if (newer.length > 0 && round < MAX_ROUNDS && staleReason(fresh, ai, triggerAt, assignedToAiAt) === null) {
        trail.check('no_newer_customer_message', false, `${newer.length} newer message(s): answering together`);
        snapshot = fresh;
        continue;
      }
      const freshStale = staleReason(fresh, ai, triggerAt, assignedToAiAt);
      trail.check('stale_guard_before_posting', freshStale === null, freshStale ?? undefined);
      if (freshStale) return this.finish(lease, request, trail, { outcome: 'skipped', reason: freshStale, answeredMessageIds: [] });
      const target: EffectTarget = {
        access, orgId: request.orgId, conversationId: request.conversationId, triggerMessageId: request.trigger.frontMessageId,
        triggerAt, aiTeammateId: ai, answeredMessageIds: pending.map((message) => message.id), trail,
      };
      const replyMode = controls.replyModeByChannel[request.channel] ?? controls.replyMode;
      trail.set('replyMode', replyMode);
      const asked = { question, customerTexts: pending.map((m) => m.text), teamLanguage: controls.languages.teamLanguage, replyMode };
      return this.execute(lease, request, trail, target, decision, asked);
    }
  }

  private async execute(
    lease: ConversationLease,
    request: ReplyRequestedV1,
    trail: TrailRecorder,
    target: EffectTarget,
    decision: Decision,
    asked: { question: string; customerTexts: string[]; teamLanguage?: string; replyMode?: string },
  ): Promise<void> {
    if (!lease.held) throw new LeaseLostError(request.conversationId);
    const answeredMessageIds = target.answeredMessageIds;
    if (decision.kind === 'reply' && asked.replyMode === 'copilot') {
      const { draftId, replaced } = await trail.step('post_draft', () => this.drafts.postDraft(target, decision.reply, request));
      trail.set('cited', decision.sources);
      if (replaced > 0) trail.set('draftsReplaced', replaced);
      return this.finish(lease, request, trail, { outcome: 'drafted', draftId: draftId ?? undefined, replyText: decision.reply.text, answeredMessageIds });
    }
    if (decision.kind === 'reply') {
      const { messageUid } = await trail.step('post_reply', () => this.effects.postReply(target, decision.reply));
      trail.set('cited', decision.sources);
      return this.finish(lease, request, trail, { outcome: 'replied', messageUid, replyText: decision.reply.text, answeredMessageIds });
    }
    if (decision.kind === 'resolve') {
      const archived = await trail.step('archive', () => this.effects.archiveIfStillAssigned(target));
      if (!archived) return this.finish(lease, request, trail, { outcome: 'skipped', reason: 'not_assigned_to_ai', answeredMessageIds: [] });
      await this.effects.addTag(target, 'ai-handled');
      return this.finish(lease, request, trail, { outcome: 'resolved', reason: 'customer_confirmed', answeredMessageIds });
    }
    await this.handoff.handOff(
      target,
      {
        integrationId: request.integrationId, reason: decision.reason, detail: decision.detail, customerLanguage: decision.customerLanguage,
        ...asked, transcript: request.transcript,
      },
      trail,
    );
    return this.finish(lease, request, trail, { outcome: 'handed-off', reason: decision.reason, answeredMessageIds });
  }

  /** Unanswered customer messages (the trigger included even if Front does not list it yet), minus those already answered. */
  private async pendingMessages(request: ReplyRequestedV1, snapshot: ConversationSnapshot): Promise<SnapshotMessage[]> {
    const unanswered = unansweredCustomerMessages(snapshot, request.aiTeammateId);
    const trigger = request.trigger;
    if (!snapshot.messages.some((message) => message.id === trigger.frontMessageId)) {
      unanswered.push({ id: trigger.frontMessageId, inbound: true, authorId: null, createdAt: trigger.emittedAt, text: trigger.text });
    }
    // The trigger alone was checked under this conversation's lock before reading: no need to ask again.
    if (unanswered.every((message) => message.id === trigger.frontMessageId)) return unanswered;
    const answered = await this.journal.findAnsweredMessageIds(request.orgId, request.conversationId, unanswered.map((m) => m.id), trigger.frontMessageId);
    return unanswered.filter((message) => !answered.has(message.id));
  }

  /** The AI's reply is already in the conversation: ours from an earlier attempt (recover it), or another request's. */
  private async finishAlreadyReplied(lease: ConversationLease, request: ReplyRequestedV1, trail: TrailRecorder, own: SnapshotMessage): Promise<void> {
    const effect = await this.journal.findEffect(request.orgId, request.trigger.frontMessageId, 'reply');
    if (!effect) return this.finish(lease, request, trail, { outcome: 'skipped', reason: 'coalesced', answeredMessageIds: [] });
    if (effect.state === 'intended') await this.journal.recordDone(request.orgId, request.trigger.frontMessageId, 'reply', own.id);
    trail.check('reply_recovered', true, 'already posted by an earlier attempt');
    return this.finish(lease, request, trail, {
      outcome: 'replied', messageUid: effect.frontRef ?? undefined, replyText: own.text, answeredMessageIds: effect.answeredMessageIds,
    });
  }

  private async handOffAfterFailures(lease: ConversationLease, request: ReplyRequestedV1, trail: TrailRecorder, error: Error): Promise<void> {
    trail.set('error', (error as { code?: string }).code ?? error.name);
    try {
      const access = await this.front.accessFor(request.orgId, request.integrationId);
      const target: EffectTarget = {
        access, orgId: request.orgId, conversationId: request.conversationId, triggerMessageId: request.trigger.frontMessageId,
        triggerAt: request.trigger.emittedAt, aiTeammateId: request.aiTeammateId, answeredMessageIds: [request.trigger.frontMessageId], trail,
      };
      const asked = { question: request.trigger.text, customerTexts: [request.trigger.text] };
      await this.execute(lease, request, trail, target, { kind: 'handoff', reason: 'repeated_failures', detail: error.message }, asked);
    } catch (handoffError) {
      if (handoffError instanceof FrontRateLimitedError) throw budgetWait(handoffError);
      if (handoffError instanceof LeaseLostError) throw handoffError;
      await this.finish(lease, request, trail, { outcome: 'failed', reason: 'repeated_failures', answeredMessageIds: [] });
    }
  }

  /** A question asked while the integration's first knowledge sync runs waits for it (for a minute at most). */
  private async waitsForFirstSync(request: ReplyRequestedV1): Promise<boolean> {
    const askedSecondsAgo = Date.now() / 1000 - request.trigger.emittedAt;
    if (askedSecondsAgo > FIRST_SYNC_WAIT_SECONDS) return false;
    return this.knowledge.awaitingFirstSync(request.orgId, request.integrationId);
  }

  /** Records the decision, publishes the outcome and gives the conversation's lease up, at once. */
  private finish(lease: ConversationLease, request: ReplyRequestedV1, trail: TrailRecorder, facts: OutcomeFacts): Promise<void> {
    return this.outcomes.publishOutcome(request, trail, facts, lease);
  }
}

/** This request's conversation lease expired and was taken while it worked: another request answers; this one retries. */
class LeaseLostError extends Error {
  constructor(conversationId: string) {
    super(`lost the lease on conversation ${conversationId} before writing to Front`);
  }
}

/**
 * The company's Front budget is spent for now: not a failure. The request
 * comes back when budget may be there again, without using up an attempt;
 * customers are answered late rather than dropped.
 */
function budgetWait(error: FrontRateLimitedError): DeferDeliveryError {
  return new DeferDeliveryError('front_budget', Math.max(error.retryAfterMs ?? 5_000, 1_000));
}
