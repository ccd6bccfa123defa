import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The effects journal (written before and after each Front write, outside the
 * inbox transaction, so a crash never makes us repeat a reply or a comment)
 * and the decision trail of every reply request.
 */
export class ResponderAnswers1764000000200 implements MigrationInterface {
  name = 'ResponderAnswers1764000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE responder.answer_effects (
      org_id text NOT NULL, conversation_id text NOT NULL, trigger_message_id text NOT NULL, effect text NOT NULL,
      state text NOT NULL CHECK (state IN ('intended', 'done')), front_ref text, answered_message_ids text[] NOT NULL DEFAULT '{}',
      intended_at timestamptz NOT NULL DEFAULT now(), done_at timestamptz,
      PRIMARY KEY (org_id, trigger_message_id, effect))`);
    await runner.query(`CREATE INDEX answer_effects_conversation ON responder.answer_effects (org_id, conversation_id)`);
    await runner.query(`CREATE TABLE responder.decisions (
      id bigserial PRIMARY KEY, org_id text NOT NULL, integration_id text NOT NULL, session_id text NOT NULL,
      conversation_id text NOT NULL, request_message_id text NOT NULL, trigger_message_id text NOT NULL,
      outcome text NOT NULL, reason text, answered_message_ids text[] NOT NULL DEFAULT '{}', message_uid text,
      latency_ms int, trail jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (org_id, request_message_id))`);
    await runner.query(`CREATE INDEX decisions_conversation ON responder.decisions (org_id, conversation_id, id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS responder.decisions`);
    await runner.query(`DROP TABLE IF EXISTS responder.answer_effects`);
  }
}
