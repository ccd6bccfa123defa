import { MigrationInterface, QueryRunner } from 'typeorm';

/** Strict session outcomes (docs/outcomes.md), the facts they are decided from, and when time alone may change them. */
export class SessionOutcomes1764000000300 implements MigrationInterface {
  name = 'SessionOutcomes1764000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sync.sessions
      ADD COLUMN outcome text NOT NULL DEFAULT 'in_progress'
        CHECK (outcome IN ('in_progress', 'ai_resolved_pending', 'ai_resolved', 'handed_off', 'human_took_over', 'ai_silent', 'abandoned')),
      ADD COLUMN outcome_reason text,
      ADD COLUMN outcome_changed_at timestamptz,
      ADD COLUMN outcome_review_at timestamptz,
      ADD COLUMN ai_resolved_at timestamptz,
      ADD COLUMN handed_off_at timestamptz,
      ADD COLUMN last_inbound_at timestamptz`);
    await runner.query(`CREATE INDEX sessions_outcome_review ON sync.sessions (outcome_review_at) WHERE outcome_review_at IS NOT NULL`);
    await runner.query(`CREATE INDEX sessions_org_first_inbound ON sync.sessions (org_id, first_inbound_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX IF EXISTS sync.sessions_org_first_inbound`);
    await runner.query(`DROP INDEX IF EXISTS sync.sessions_outcome_review`);
    await runner.query(`ALTER TABLE sync.sessions DROP COLUMN outcome, DROP COLUMN outcome_reason, DROP COLUMN outcome_changed_at,
      DROP COLUMN outcome_review_at, DROP COLUMN ai_resolved_at, DROP COLUMN handed_off_at, DROP COLUMN last_inbound_at`);
  }
}
