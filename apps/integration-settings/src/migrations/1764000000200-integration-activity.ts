import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntegrationActivity1764000000200 implements MigrationInterface {
  name = 'IntegrationActivity1764000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE settings.integration_activity (
      org_id text NOT NULL, integration_id text NOT NULL, kind text NOT NULL, hour timestamptz NOT NULL,
      count int NOT NULL DEFAULT 0, last_at timestamptz NOT NULL, last_detail text,
      PRIMARY KEY (integration_id, kind, hour))`);
    await runner.query(`CREATE INDEX integration_activity_org ON settings.integration_activity (org_id, integration_id, hour DESC)`);
    await runner.query(`CREATE TABLE settings.dead_letters (
      id text PRIMARY KEY, org_id text NOT NULL, service text NOT NULL, queue text NOT NULL, routing_key text NOT NULL,
      exchange text NOT NULL, failed_message_id text, kind text NOT NULL, error text NOT NULL, attempts int NOT NULL,
      body text, recorded_at timestamptz NOT NULL DEFAULT now(), replayed_at timestamptz, replay_count int NOT NULL DEFAULT 0)`);
    await runner.query(`CREATE INDEX dead_letters_org ON settings.dead_letters (org_id, recorded_at DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS settings.dead_letters');
    await runner.query('DROP TABLE IF EXISTS settings.integration_activity');
  }
}
