import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integration state (from integration.* events), the knowledge index and its
 * sync runs. unaccent may already exist (another schema's migration created
 * it), so creation tolerates the race.
 */
export class ResponderKnowledge1764000000100 implements MigrationInterface {
  name = 'ResponderKnowledge1764000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public; EXCEPTION WHEN unique_violation THEN NULL; END $$`);
    await runner.query(`CREATE TABLE responder.integrations (
      org_id text NOT NULL, integration_id text NOT NULL, connected boolean NOT NULL, enabled boolean NOT NULL,
      ai_teammate_id text, front_company_id text, controls jsonb NOT NULL DEFAULT '{}', revision int NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (org_id, integration_id))`);
    await runner.query(`CREATE TABLE responder.knowledge_bases (
      org_id text NOT NULL, integration_id text NOT NULL, kb_id text NOT NULL, name text NOT NULL, type text NOT NULL,
      locales text[] NOT NULL, selected boolean NOT NULL, front_updated_at double precision NOT NULL DEFAULT 0, synced_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, integration_id, kb_id))`);
    await runner.query(`CREATE TABLE responder.knowledge_articles (
      org_id text NOT NULL, integration_id text NOT NULL, kb_id text NOT NULL, article_id text NOT NULL, locale text NOT NULL,
      title text NOT NULL, url text NOT NULL, status text NOT NULL, visibility text NOT NULL CHECK (visibility IN ('public', 'internal')),
      category text, front_updated_at double precision NOT NULL, content_hash text NOT NULL,
      synced_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (org_id, integration_id, article_id, locale))`);
    await runner.query(`CREATE INDEX knowledge_articles_kb ON responder.knowledge_articles (org_id, integration_id, kb_id)`);
    await runner.query(`CREATE TABLE responder.knowledge_chunks (
      id bigserial PRIMARY KEY, org_id text NOT NULL, integration_id text NOT NULL, kb_id text NOT NULL,
      article_id text NOT NULL, locale text NOT NULL, chunk_index int NOT NULL, title text NOT NULL, url text NOT NULL,
      visibility text NOT NULL, lang_config regconfig NOT NULL, body text NOT NULL, tsv tsvector NOT NULL)`);
    await runner.query(`CREATE INDEX knowledge_chunks_tsv ON responder.knowledge_chunks USING gin (tsv)`);
    await runner.query(`CREATE INDEX knowledge_chunks_article ON responder.knowledge_chunks (org_id, integration_id, article_id, locale)`);
    await runner.query(`CREATE TABLE responder.knowledge_sync_runs (
      id bigserial PRIMARY KEY, org_id text NOT NULL, integration_id text NOT NULL, trigger text NOT NULL,
      kb_ids jsonb, since timestamptz, state text NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'running', 'succeeded', 'failed')),
      requested_at timestamptz NOT NULL DEFAULT now(), started_at timestamptz, finished_at timestamptz,
      lease_until timestamptz, progress_done int NOT NULL DEFAULT 0, progress_total int NOT NULL DEFAULT 0,
      result jsonb, error text)`);
    await runner.query(`CREATE INDEX knowledge_sync_runs_pending ON responder.knowledge_sync_runs (id) WHERE state IN ('pending', 'running')`);
    await runner.query(`CREATE INDEX knowledge_sync_runs_integration ON responder.knowledge_sync_runs (org_id, integration_id, id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['knowledge_sync_runs', 'knowledge_chunks', 'knowledge_articles', 'knowledge_bases', 'integrations']) {
      await runner.query(`DROP TABLE IF EXISTS responder.${table}`);
    }
  }
}
