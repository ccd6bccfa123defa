import { Injectable } from '@nestjs/common';
import type { FrontClient } from '@front-agent/front-client';
import { AnswerJournalRepository } from '../answering/answer-journal.repository';
import { CopilotDraftRepository } from '../copilot/copilot-draft.repository';
import type { EffectTarget } from './front-effects.service';

/**
 * Copilot mode: the answer becomes a shared draft by the AI teammate, written
 * at most once per request; a newer answer replaces the AI's earlier unsent
 * draft in the conversation instead of stacking another one.
 */
@Injectable()
export class DraftEffectsService {
  constructor(
    private readonly journal: AnswerJournalRepository,
    private readonly copilotDrafts: CopilotDraftRepository,
  ) {}

  async postDraft(target: EffectTarget, reply: { body: string; text: string }, request: { integrationId: string; sessionId: string }): Promise<{ draftId: string | null; replaced: number }> {
    const recorded = await this.journal.findEffect(target.orgId, target.triggerMessageId, 'draft');
    if (recorded?.state === 'done') return { draftId: recorded.frontRef, replaced: 0 };
    const client = target.access.client;
    const existing = recorded ? await this.findOwnDraftSinceTrigger(client, target) : null;
    if (existing) {
      await this.journal.recordDone(target.orgId, target.triggerMessageId, 'draft', existing);
      target.trail.check('draft_recovered', true, 'found in the conversation after an unconfirmed attempt');
      return { draftId: existing, replaced: 0 };
    }
    const replaced = await this.replaceEarlierDrafts(client, target);
    const channelId = await this.channelOf(client, target.conversationId);
    await this.journal.recordIntent(target.orgId, target.conversationId, target.triggerMessageId, 'draft', target.answeredMessageIds);
    const draft = await target.trail.recordFrontCall('draft', () =>
      client.createDraft(target.conversationId, { body: reply.body, channelId, authorId: target.aiTeammateId, mode: 'shared' }),
    );
    await this.journal.recordDone(target.orgId, target.triggerMessageId, 'draft', draft.id ?? null);
    if (draft.id) {
      // Front's own text of the draft, so that a teammate sending it unchanged compares equal.
      await this.copilotDrafts.recordDraft({
        orgId: target.orgId, integrationId: request.integrationId, sessionId: request.sessionId, conversationId: target.conversationId,
        draftId: draft.id, triggerMessageId: target.triggerMessageId,
        text: draft.text ?? reply.text,
      });
    }
    return { draftId: draft.id ?? null, replaced };
  }

  /** Deletes the AI's earlier drafts still in the conversation (already sent or discarded ones are simply forgotten). */
  private async replaceEarlierDrafts(client: FrontClient, target: EffectTarget): Promise<number> {
    let replaced = 0;
    for (const earlier of await this.journal.findLiveDrafts(target.orgId, target.conversationId, target.triggerMessageId)) {
      const current = await client.getMessage(earlier.draftId).catch(() => null);
      const stillDraft = current && ((current as { is_draft?: boolean }).is_draft || current.draft_mode != null);
      if (stillDraft && current.version) {
        await target.trail.recordFrontCall('delete_draft', () => client.deleteDraft(earlier.draftId, current.version as string));
        await this.copilotDrafts.markReplaced(target.orgId, earlier.draftId);
        replaced += 1;
      }
      // A draft already sent or discarded is settled from Front's events; it is no longer ours to replace either way.
      await this.journal.forgetDraft(target.orgId, earlier.triggerMessageId);
    }
    return replaced;
  }

  /** The channel the conversation came in on: the first channel of its inbox. */
  private async channelOf(client: FrontClient, conversationId: string): Promise<string> {
    const inboxIds = new Set((await client.listConversationInboxes(conversationId)).map((inbox) => inbox.id));
    const channels = await client.listChannels();
    const channel = channels.find((candidate) => {
      const inboxUrl = (candidate as { _links?: { related?: { inbox?: string } } })._links?.related?.inbox ?? '';
      return [...inboxIds].some((id) => id && inboxUrl.endsWith(`/inboxes/${id}`));
    });
    if (!channel?.id) throw new Error(`no channel found for conversation ${conversationId}`);
    return channel.id;
  }

  private async findOwnDraftSinceTrigger(client: FrontClient, target: EffectTarget): Promise<string | null> {
    for await (const message of client.listConversationMessages(target.conversationId, { pageSize: 30 })) {
      const isDraft = (message as { is_draft?: boolean }).is_draft || message.draft_mode != null;
      if (isDraft && message.author?.id === target.aiTeammateId && Number(message.created_at ?? 0) >= target.triggerAt) return message.id ?? null;
    }
    return null;
  }
}
