import { MigrationInterface, QueryRunner } from 'typeorm';

/** When the AI first left a copilot draft in the conversation: from then on its events ask ai-responder to check the drafts. */
export class SessionAiDrafted1764000000500 implements MigrationInterface {
  name = 'SessionAiDrafted1764000000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sync.sessions ADD COLUMN ai_drafted_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sync.sessions DROP COLUMN IF EXISTS ai_drafted_at`);
  }
}
