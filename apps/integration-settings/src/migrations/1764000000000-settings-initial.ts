import { MigrationInterface, QueryRunner } from 'typeorm';

export class SettingsInitial1764000000000 implements MigrationInterface {
  name = 'SettingsInitial1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE settings.organizations (
      id text PRIMARY KEY, name text NOT NULL, ticketing_system text NOT NULL DEFAULT 'builtin',
      created_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query(`CREATE TABLE settings.api_keys (
      id text PRIMARY KEY, org_id text NOT NULL REFERENCES settings.organizations(id), role text NOT NULL
        CHECK (role IN ('admin', 'member')),
      key_hash text NOT NULL UNIQUE, prefix text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz)`);
    await runner.query(`CREATE INDEX api_keys_org ON settings.api_keys (org_id)`);
    await runner.query(`CREATE TABLE settings.audit_log (
      id bigserial PRIMARY KEY, org_id text NOT NULL, actor text NOT NULL, action text NOT NULL,
      changes jsonb NOT NULL DEFAULT '{}', at timestamptz NOT NULL DEFAULT now())`);
    await runner.query(`CREATE INDEX audit_log_org_at ON settings.audit_log (org_id, at DESC)`);
    await runner.query(`CREATE TABLE settings.front_integrations (
      id text PRIMARY KEY, org_id text NOT NULL UNIQUE REFERENCES settings.organizations(id),
      connected boolean NOT NULL DEFAULT true, api_token jsonb, front_company_id text, front_company_name text,
      ai_teammate_id text, handle_unassigned boolean NOT NULL DEFAULT false, enabled boolean NOT NULL DEFAULT true,
      webhook_key text NOT NULL UNIQUE, webhook_secret jsonb, rule_webhook_secret jsonb,
      rate_limit_per_minute int NOT NULL DEFAULT 50, controls jsonb NOT NULL DEFAULT '{}',
      last_validated_at timestamptz, last_validation_result text, revision int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
      disconnected_at timestamptz)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['front_integrations', 'audit_log', 'api_keys', 'organizations']) {
      await runner.query(`DROP TABLE IF EXISTS settings.${table}`);
    }
  }
}
