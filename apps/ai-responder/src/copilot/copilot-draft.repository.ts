import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type DraftFate = 'sent_unchanged' | 'sent_edited' | 'discarded' | 'replaced';

export interface PendingDraft {
  integrationId: string;
  draftId: string;
  draftText: string;
}

/** responder.copilot_drafts: every query is bound to the org. */
@Injectable()
export class CopilotDraftRepository {
  constructor(private readonly db: DataSource) {}

  async recordDraft(draft: { orgId: string; integrationId: string; conversationId: string; draftId: string; triggerMessageId: string; text: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO responder.copilot_drafts (org_id, integration_id, conversation_id, draft_id, trigger_message_id, draft_text)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_id, draft_id) DO NOTHING`,
      [draft.orgId, draft.integrationId, draft.conversationId, draft.draftId, draft.triggerMessageId, draft.text],
    );
  }

  async findPendingDrafts(orgId: string, conversationId: string): Promise<PendingDraft[]> {
    const rows: Array<{ integration_id: string; draft_id: string; draft_text: string }> = await this.db.query(
      `SELECT integration_id, draft_id, draft_text FROM responder.copilot_drafts WHERE org_id = $1 AND conversation_id = $2 AND fate = 'pending'`,
      [orgId, conversationId],
    );
    return rows.map((row) => ({ integrationId: row.integration_id, draftId: row.draft_id, draftText: row.draft_text }));
  }

  /** Settles a pending draft once; a settled draft keeps its first fate. */
  async settle(orgId: string, draftId: string, fate: DraftFate, details: { sentBy?: string | null; editRatio?: number | null } = {}): Promise<void> {
    await this.db.query(
      `UPDATE responder.copilot_drafts SET fate = $3, sent_by = $4, edit_ratio = $5, settled_at = now()
        WHERE org_id = $1 AND draft_id = $2 AND fate = 'pending'`,
      [orgId, draftId, fate, details.sentBy ?? null, details.editRatio ?? null],
    );
  }
}
