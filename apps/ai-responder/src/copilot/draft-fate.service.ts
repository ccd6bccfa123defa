import { Injectable, Logger } from '@nestjs/common';
import { distance } from 'fastest-levenshtein';
import { DataSource, type EntityManager } from 'typeorm';
import { DraftSettledContract, type DraftCheckRequestedV1, type DraftFate, type DraftSettledV1 } from '@front-agent/contracts';
import { OutboxWriter, TransactionScope } from '@front-agent/messaging';
import { FrontAccessService } from '../front/front-access.service';
import { CopilotDraftRepository, type PendingDraft, type SettledDraft } from './copilot-draft.repository';

/**
 * Learns what teammates did with the AI's drafts when conversation-sync asks
 * (a Front event in a conversation where the AI left one): a draft that became a message was sent (unchanged, or edited
 * by some share of its characters); a draft that is gone was discarded. Each
 * fate is stored and reported (`copilot.draft-settled`) in one transaction,
 * so it is never lost and never reported twice.
 */
@Injectable()
export class DraftFateService {
  private readonly logger = new Logger(DraftFateService.name);

  constructor(
    private readonly drafts: CopilotDraftRepository,
    private readonly front: FrontAccessService,
    private readonly outbox: OutboxWriter,
    private readonly transactions: TransactionScope,
    private readonly db: DataSource,
  ) {}

  async settleDrafts(event: DraftCheckRequestedV1): Promise<void> {
    const pending = await this.drafts.findPendingDrafts(event.orgId, event.conversationId);
    for (const draft of pending) await this.settleDraft(event, draft);
  }

  private async settleDraft(event: DraftCheckRequestedV1, draft: PendingDraft): Promise<void> {
    const { client } = await this.front.accessFor(event.orgId, draft.integrationId);
    const message = await client.getMessage(draft.draftId).catch((error: { status?: number }) => {
      if (error.status === 404) return null;
      throw error;
    });
    if (!message) return this.record(event, draft.draftId, 'discarded');
    if ((message as { is_draft?: boolean }).is_draft || message.draft_mode != null) return;
    const editRatio = editRatioOf(draft.draftText, message.text ?? '');
    const fate = editRatio === 0 ? 'sent_unchanged' : 'sent_edited';
    return this.record(event, draft.draftId, fate, { sentBy: message.author?.id ?? null, editRatio });
  }

  /** In the delivery's inbox transaction when there is one, else in a transaction of its own. */
  private record(event: DraftCheckRequestedV1, draftId: string, fate: DraftFate, details: { sentBy?: string | null; editRatio?: number } = {}): Promise<void> {
    const manager = this.transactions.manager();
    return manager ? this.recordIn(manager, event, draftId, fate, details) : this.db.transaction((tx) => this.recordIn(tx, event, draftId, fate, details));
  }

  private async recordIn(manager: EntityManager, event: DraftCheckRequestedV1, draftId: string, fate: DraftFate, details: { sentBy?: string | null; editRatio?: number }) {
    const settled = await this.drafts.settle(manager, event.orgId, draftId, fate, details);
    if (!settled) return;
    await this.outbox.enqueue(manager, DraftSettledContract.routingKey, draftSettledMessage(event, settled));
    this.logger.log({ msg: 'copilot draft settled', orgId: event.orgId, draftId, fate, editRatio: settled.editRatio });
  }
}

/** The report of one settled draft; its id is the draft's, so every copy downstream is the same message. */
function draftSettledMessage(event: DraftCheckRequestedV1, draft: SettledDraft): DraftSettledV1 {
  return {
    messageId: `draft-settled:${draft.draftId}`,
    orgId: event.orgId,
    correlationId: event.correlationId,
    occurredAt: new Date().toISOString(),
    version: 1,
    ...(draft.sessionId ? { sessionId: draft.sessionId } : {}),
    integrationId: draft.integrationId,
    conversationId: draft.conversationId,
    draftId: draft.draftId,
    fate: draft.fate,
    ...(draft.editRatio !== null ? { editRatio: draft.editRatio } : {}),
    ...(draft.sentBy ? { sentBy: draft.sentBy } : {}),
    settledAt: new Date(draft.settledAt).toISOString(),
  };
}

/** The share of characters a teammate changed: Levenshtein distance over the longer text, whitespace collapsed (0 = unchanged). */
export function editRatioOf(before: string, after: string): number {
  const a = before.replace(/\s+/g, ' ').trim();
  const b = after.replace(/\s+/g, ' ').trim();
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 0 : Math.round((distance(a, b) / longest) * 1000) / 1000;
}
