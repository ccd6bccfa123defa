import { Injectable, Logger } from '@nestjs/common';
import { distance } from 'fastest-levenshtein';
import type { FrontEventV1 } from '@front-agent/contracts';
import { FrontAccessService } from '../front/front-access.service';
import { CopilotDraftRepository, type PendingDraft } from './copilot-draft.repository';

/**
 * Learns what teammates did with the AI's drafts, from Front's events on the
 * conversation: a draft that became a message was sent (unchanged, or edited
 * by some share of its characters); a draft that is gone was discarded.
 */
@Injectable()
export class DraftFateService {
  private readonly logger = new Logger(DraftFateService.name);

  constructor(
    private readonly drafts: CopilotDraftRepository,
    private readonly front: FrontAccessService,
  ) {}

  async settleDrafts(event: FrontEventV1): Promise<void> {
    if (!event.conversationId) return;
    const pending = await this.drafts.findPendingDrafts(event.orgId, event.conversationId);
    for (const draft of pending) await this.settleDraft(event.orgId, draft);
  }

  private async settleDraft(orgId: string, draft: PendingDraft): Promise<void> {
    const { client } = await this.front.accessFor(orgId, draft.integrationId);
    const message = await client.getMessage(draft.draftId).catch((error: { status?: number }) => {
      if (error.status === 404) return null;
      throw error;
    });
    if (!message) return this.drafts.settle(orgId, draft.draftId, 'discarded');
    if ((message as { is_draft?: boolean }).is_draft || message.draft_mode != null) return;
    const editRatio = editRatioOf(draft.draftText, message.text ?? '');
    const fate = editRatio === 0 ? 'sent_unchanged' : 'sent_edited';
    this.logger.log({ msg: 'copilot draft settled', orgId, draftId: draft.draftId, fate, editRatio });
    return this.drafts.settle(orgId, draft.draftId, fate, { sentBy: message.author?.id ?? null, editRatio });
  }
}

/** The share of characters a teammate changed: Levenshtein distance over the longer text, whitespace collapsed (0 = unchanged). */
export function editRatioOf(before: string, after: string): number {
  const a = before.replace(/\s+/g, ' ').trim();
  const b = after.replace(/\s+/g, ' ').trim();
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 0 : Math.round((distance(a, b) / longest) * 1000) / 1000;
}
