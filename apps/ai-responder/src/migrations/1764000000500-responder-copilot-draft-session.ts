import { MigrationInterface, QueryRunner } from 'typeorm';

/** The session each copilot draft answered, carried on its `copilot.draft-settled` report (older drafts keep none). */
export class ResponderCopilotDraftSession1764000000500 implements MigrationInterface {
  name = 'ResponderCopilotDraftSession1764000000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE responder.copilot_drafts ADD COLUMN session_id text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE responder.copilot_drafts DROP COLUMN session_id`);
  }
}
