import { MigrationInterface, QueryRunner } from 'typeorm';

/** What teammates did with each AI copilot draft, as ai-responder reports it (`copilot.draft-settled`), for analytics. */
export class CopilotDraftFates1764000000400 implements MigrationInterface {
  name = 'CopilotDraftFates1764000000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE sync.copilot_drafts (
      org_id text NOT NULL, draft_id text NOT NULL, integration_id text NOT NULL, conversation_id text NOT NULL, session_id text,
      fate text NOT NULL CHECK (fate IN ('sent_unchanged', 'sent_edited', 'discarded')),
      edit_ratio real CHECK (edit_ratio BETWEEN 0 AND 1), sent_by text, settled_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, draft_id))`);
    await runner.query(`CREATE INDEX copilot_drafts_conversation ON sync.copilot_drafts (org_id, conversation_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS sync.copilot_drafts`);
  }
}
