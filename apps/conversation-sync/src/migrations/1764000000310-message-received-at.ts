import { MigrationInterface, QueryRunner } from 'typeorm';

/** When our edge received each message's webhook: the start of the customer's wait, for reply latency. */
export class MessageReceivedAt1764000000310 implements MigrationInterface {
  name = 'MessageReceivedAt1764000000310';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sync.transcript_entries ADD COLUMN received_at timestamptz`);
    await runner.query(`CREATE INDEX timeline_ai_replies ON sync.session_timeline (org_id, at) WHERE kind = 'ai'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX IF EXISTS sync.timeline_ai_replies`);
    await runner.query(`ALTER TABLE sync.transcript_entries DROP COLUMN received_at`);
  }
}
