import { MigrationInterface, QueryRunner } from 'typeorm';

/** The AI's copilot drafts and their fate: sent unchanged, sent edited (how much), discarded, or replaced by a newer draft. */
export class ResponderCopilotDrafts1764000000400 implements MigrationInterface {
  name = 'ResponderCopilotDrafts1764000000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE responder.copilot_drafts (
      org_id text NOT NULL, integration_id text NOT NULL, conversation_id text NOT NULL, draft_id text NOT NULL,
      trigger_message_id text NOT NULL, draft_text text NOT NULL,
      fate text NOT NULL DEFAULT 'pending' CHECK (fate IN ('pending', 'sent_unchanged', 'sent_edited', 'discarded', 'replaced')),
      sent_by text, edit_ratio real, created_at timestamptz NOT NULL DEFAULT now(), settled_at timestamptz,
      PRIMARY KEY (org_id, draft_id))`);
    await runner.query(`CREATE INDEX copilot_drafts_pending ON responder.copilot_drafts (org_id, conversation_id) WHERE fate = 'pending'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS responder.copilot_drafts`);
  }
}
