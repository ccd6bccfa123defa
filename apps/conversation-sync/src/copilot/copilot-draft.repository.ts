import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DraftSettledV1 } from '@front-agent/contracts';

/** sync.copilot_drafts: the fate of each AI copilot draft; every query is bound to the org. */
@Injectable()
export class CopilotDraftRepository {
  /** Stores a draft's fate; false when it was stored already (a draft keeps its first fate). */
  async recordFate(manager: EntityManager, settled: DraftSettledV1, sessionId: string | null): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO sync.copilot_drafts (org_id, draft_id, integration_id, conversation_id, session_id, fate, edit_ratio, sent_by, settled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (org_id, draft_id) DO NOTHING RETURNING draft_id`,
      [
        settled.orgId,
        settled.draftId,
        settled.integrationId,
        settled.conversationId,
        sessionId,
        settled.fate,
        settled.editRatio ?? null,
        settled.sentBy ?? null,
        settled.settledAt,
      ],
    );
    return inserted.length > 0;
  }

  /** The id of the conversation's session (one per conversation), or null before it has one. */
  async sessionOfConversation(manager: EntityManager, orgId: string, conversationId: string): Promise<string | null> {
    const [row]: Array<{ id: string }> = await manager.query(`SELECT id FROM sync.sessions WHERE org_id = $1 AND conversation_id = $2`, [orgId, conversationId]);
    return row?.id ?? null;
  }
}
