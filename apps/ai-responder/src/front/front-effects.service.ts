import { Injectable } from '@nestjs/common';
import type { FrontClient } from '@front-agent/front-client';
import { AnswerJournalRepository, type EffectKind } from '../answering/answer-journal.repository';
import { aiReplyAfter, readConversation } from '../answering/conversation-snapshot';
import type { TrailRecorder } from '../answering/decision-trail';
import type { FrontAccess } from './front-access.service';
import { TagDirectoryService } from './tag-directory.service';

/** Who writes, where, about which request. */
export interface EffectTarget {
  access: FrontAccess;
  orgId: string;
  conversationId: string;
  triggerMessageId: string;
  /** Unix seconds of the trigger message. */
  triggerAt: number;
  aiTeammateId: string;
  answeredMessageIds: string[];
  trail: TrailRecorder;
}

const QUEUED_REPLY_GRACE_MS = [500, 1_500];

/**
 * Front writes, each at most once per request: the intent is committed before
 * the call and confirmed after it; a retry that finds an unconfirmed intent
 * looks in the conversation for what was already posted before posting again.
 */
@Injectable()
export class FrontEffectsService {
  constructor(
    private readonly journal: AnswerJournalRepository,
    private readonly tags: TagDirectoryService,
  ) {}

  /**
   * Replies as the AI teammate without archiving, tagged `ai-handled`; returns Front's message_uid.
   * The request's decision confirms the reply (AnswerJournalRepository.decide), in the statement
   * that ends the request: until then its intent stays recorded, as after a crash, and a retry
   * recovers the posted reply.
   */
  async postReply(target: EffectTarget, reply: { body: string; text: string }): Promise<{ messageUid: string | null; recovered: boolean }> {
    const { client, frontCompanyId } = target.access;
    const tagId = await this.tags.tagId(client, frontCompanyId, 'ai-handled');
    const posted = await this.claimOrRecover(target, 'reply', () => this.findOwnReply(target));
    if (posted) return { messageUid: posted.ref, recovered: true };
    const { messageUid } = await target.trail.recordFrontCall('reply', () =>
      client.reply(target.conversationId, { body: reply.body, text: reply.text, authorId: target.aiTeammateId, archive: false, tagIds: [tagId] }),
    );
    return { messageUid, recovered: false };
  }

  /** An internal comment by the AI teammate. */
  async postComment(target: EffectTarget, body: string): Promise<void> {
    const posted = await this.claimOrRecover(target, 'comment', () => this.findOwnComment(target));
    if (posted) return;
    const comment = await target.trail.recordFrontCall('comment', () =>
      target.access.client.addComment(target.conversationId, { body, authorId: target.aiTeammateId }),
    );
    await this.journal.recordDone(target.orgId, target.triggerMessageId, 'comment', comment.id ?? null);
  }

  /** Adds a tag by name (a tag set: adding twice changes nothing). */
  async addTag(target: EffectTarget, name: string): Promise<void> {
    const { client, frontCompanyId } = target.access;
    const tagId = await this.tags.tagId(client, frontCompanyId, name);
    await target.trail.recordFrontCall(`tag:${name}`, () => client.addTags(target.conversationId, [tagId]));
  }

  /**
   * Unassigns, then checks: still on the AI (a rule put it back, or the call
   * failed) is retried up to three times; a human assignee is left alone.
   */
  async unassign(target: EffectTarget): Promise<'unassigned' | 'taken_by_teammate' | 'failed'> {
    const { client } = target.access;
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      try {
        await target.trail.recordFrontCall('unassign', () => client.setAssignee(target.conversationId, null));
        const conversation = await client.getConversation(target.conversationId);
        const assignee = conversation.assignee?.id ?? null;
        if (assignee === null) return 'unassigned';
        if (assignee !== target.aiTeammateId) return 'taken_by_teammate';
        target.trail.check('unassigned', false, `still assigned to the AI after attempt ${attempt}`);
      } catch {
        target.trail.check('unassigned', false, `attempt ${attempt} failed`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
    return 'failed';
  }

  /** Archives the conversation, only while it is still assigned to the AI teammate. */
  async archiveIfStillAssigned(target: EffectTarget): Promise<boolean> {
    const { client } = target.access;
    const conversation = await client.getConversation(target.conversationId);
    if (conversation.assignee?.id !== target.aiTeammateId) return false;
    await target.trail.recordFrontCall('archive', () => client.updateConversationStatus(target.conversationId, 'archived'));
    return true;
  }

  /**
   * Records the intent to post `effect`, or finds it recorded: done (nothing
   * to post), or intended but unconfirmed, when we may have crashed after
   * Front accepted it: then the conversation is searched for it (a reply is
   * queued, so twice). Null: post it, the intent is recorded.
   */
  private async claimOrRecover(target: EffectTarget, effect: EffectKind, find: () => Promise<string | null>): Promise<{ ref: string | null } | null> {
    const recorded = await this.journal.claimEffect(target.orgId, target.conversationId, target.triggerMessageId, effect, target.answeredMessageIds);
    if (!recorded) return null;
    if (recorded.state === 'done') return { ref: recorded.frontRef };
    for (const delay of [0, ...QUEUED_REPLY_GRACE_MS]) {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      const found = await find();
      if (found) {
        await this.journal.recordDone(target.orgId, target.triggerMessageId, effect, found);
        target.trail.check(`${effect}_recovered`, true, 'found in the conversation after an unconfirmed attempt');
        return { ref: found };
      }
    }
    await this.journal.recordIntent(target.orgId, target.conversationId, target.triggerMessageId, effect, target.answeredMessageIds);
    return null;
  }

  private async findOwnReply(target: EffectTarget): Promise<string | null> {
    const snapshot = await readConversation(target.access.client, target.conversationId);
    return aiReplyAfter(snapshot, target.aiTeammateId, target.triggerAt)?.id ?? null;
  }

  private async findOwnComment(target: EffectTarget): Promise<string | null> {
    const client: FrontClient = target.access.client;
    for await (const event of client.listConversationEvents(target.conversationId)) {
      if (Number(event.emitted_at ?? 0) < target.triggerAt) break;
      const comment = event.type === 'comment' ? (event.target?.data as { id?: string; author?: { id?: string } } | undefined) : undefined;
      if (comment?.author?.id === target.aiTeammateId) return comment.id ?? 'comment';
    }
    return null;
  }
}
