import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is answering a conversation right now, until when. Replaces a
 * transaction-scoped advisory lock, so that a reply request holds no database
 * connection while it waits for Front and the LLM.
 */
export class ResponderConversationLeases1764000000600 implements MigrationInterface {
  name = 'ResponderConversationLeases1764000000600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE responder.conversation_leases (
      org_id text NOT NULL,
      conversation_id text NOT NULL,
      holder text NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, conversation_id)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS responder.conversation_leases`);
  }
}
