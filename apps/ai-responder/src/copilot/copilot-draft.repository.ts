import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DraftFate } from '@front-agent/contracts';
import { PreparedStatement } from '@front-agent/service-kit';

export interface PendingDraft {
  integrationId: string;
  draftId: string;
  draftText: string;
}

/** A draft at the moment its fate was decided. */
export interface SettledDraft {
  integrationId: string;
  conversationId: string;
  sessionId: string | null;
  draftId: string;
  fate: DraftFate;
  editRatio: number | null;
  sentBy: string | null;
  settledAt: Date;
}

interface SettledRow {
  integration_id: string;
  conversation_id: string;
  session_id: string | null;
  edit_ratio: number | null;
  sent_by: string | null;
  settled_at: Date;
}

const FIND_PENDING_DRAFTS = new PreparedStatement(
  `SELECT integration_id, draft_id, draft_text FROM responder.copilot_drafts WHERE org_id = $1 AND conversation_id = $2 AND fate = 'pending'`,
);

/** responder.copilot_drafts: every query is bound to the org. */
@Injectable()
export class CopilotDraftRepository {
  constructor(private readonly db: DataSource) {}

  async recordDraft(draft: {
    orgId: string;
    integrationId: string;
    sessionId: string;
    conversationId: string;
    draftId: string;
    triggerMessageId: string;
    text: string;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO responder.copilot_drafts (org_id, integration_id, session_id, conversation_id, draft_id, trigger_message_id, draft_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (org_id, draft_id) DO NOTHING`,
      [draft.orgId, draft.integrationId, draft.sessionId, draft.conversationId, draft.draftId, draft.triggerMessageId, draft.text],
    );
  }

  async findPendingDrafts(orgId: string, conversationId: string): Promise<PendingDraft[]> {
    const rows: Array<{ integration_id: string; draft_id: string; draft_text: string }> = await FIND_PENDING_DRAFTS.run(this.db, [orgId, conversationId]);
    return rows.map((row) => ({ integrationId: row.integration_id, draftId: row.draft_id, draftText: row.draft_text }));
  }

  /**
   * Settles a pending draft once, in `manager`'s transaction: returns it as
   * settled, or null when it was settled already (a settled draft keeps its
   * first fate; a concurrent settle waits on the row and then finds nothing).
   */
  async settle(
    manager: EntityManager,
    orgId: string,
    draftId: string,
    fate: DraftFate,
    details: { sentBy?: string | null; editRatio?: number | null } = {},
  ): Promise<SettledDraft | null> {
    const [rows]: [SettledRow[], number] = await manager.query(
      `UPDATE responder.copilot_drafts SET fate = $3, sent_by = $4, edit_ratio = $5, settled_at = now()
        WHERE org_id = $1 AND draft_id = $2 AND fate = 'pending'
        RETURNING integration_id, conversation_id, session_id, edit_ratio, sent_by, settled_at`,
      [orgId, draftId, fate, details.sentBy ?? null, details.editRatio ?? null],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      integrationId: row.integration_id,
      conversationId: row.conversation_id,
      sessionId: row.session_id,
      draftId,
      fate,
      editRatio: row.edit_ratio,
      sentBy: row.sent_by,
      settledAt: row.settled_at,
    };
  }

  /** The AI replaced its own pending draft with a newer one: no teammate decided anything, so nothing is reported. */
  async markReplaced(orgId: string, draftId: string): Promise<void> {
    await this.db.query(
      `UPDATE responder.copilot_drafts SET fate = 'replaced', settled_at = now() WHERE org_id = $1 AND draft_id = $2 AND fate = 'pending'`,
      [orgId, draftId],
    );
  }
}
