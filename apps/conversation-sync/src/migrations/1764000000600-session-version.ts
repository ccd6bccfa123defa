import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session's version, raised by every write: a Front event is applied without
 * holding the session's row lock across round trips, and its single write
 * statement applies only if the version it read is still the session's.
 */
export class SessionVersion1764000000600 implements MigrationInterface {
  name = 'SessionVersion1764000000600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sync.sessions ADD COLUMN version bigint NOT NULL DEFAULT 0`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sync.sessions DROP COLUMN IF EXISTS version`);
  }
}
