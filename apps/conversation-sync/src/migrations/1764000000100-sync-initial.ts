import { MigrationInterface, QueryRunner } from 'typeorm';

export class SyncInitial1764000000100 implements MigrationInterface {
  name = 'SyncInitial1764000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE sync.integrations (
      integration_id text PRIMARY KEY, org_id text NOT NULL, connected boolean NOT NULL, enabled boolean NOT NULL,
      handle_unassigned boolean NOT NULL, ai_teammate_id text, front_company_id text, revision int NOT NULL,
      reconciled_until numeric, last_reconciliation jsonb, updated_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query(`CREATE INDEX integrations_org ON sync.integrations (org_id)`);
    await runner.query(`CREATE TABLE sync.contacts (
      id text PRIMARY KEY, org_id text NOT NULL, handle text NOT NULL, kind text NOT NULL, name text,
      created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (org_id, handle))`);
    await runner.query(`CREATE TABLE sync.sessions (
      id text PRIMARY KEY, org_id text NOT NULL, integration_id text NOT NULL, conversation_id text NOT NULL,
      channel text, status text NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'handed_off', 'human_active', 'resolved')),
      assignee_id text, contact_id text, silent_reason text, handoff_reason text,
      last_emitted_at numeric NOT NULL DEFAULT 0, last_event_id text NOT NULL DEFAULT '',
      first_inbound_at timestamptz, first_ai_reply_at timestamptz, last_ai_reply_at timestamptz,
      last_human_reply_at timestamptz, resolved_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (org_id, conversation_id))`);
    await runner.query(`CREATE INDEX sessions_org_status ON sync.sessions (org_id, status, updated_at DESC)`);
    await runner.query(`CREATE TABLE sync.transcript_entries (
      id bigserial PRIMARY KEY, org_id text NOT NULL, session_id text NOT NULL REFERENCES sync.sessions(id),
      front_message_id text, kind text NOT NULL CHECK (kind IN ('message', 'comment')),
      direction text NOT NULL, author_kind text NOT NULL, author_id text, author_handle text,
      text text NOT NULL DEFAULT '', emitted_at numeric NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query(`CREATE UNIQUE INDEX transcript_front_message ON sync.transcript_entries (org_id, front_message_id)
      WHERE front_message_id IS NOT NULL`);
    await runner.query(`CREATE INDEX transcript_session ON sync.transcript_entries (session_id, emitted_at)`);
    await runner.query(`CREATE TABLE sync.session_timeline (
      id bigserial PRIMARY KEY, org_id text NOT NULL, session_id text NOT NULL REFERENCES sync.sessions(id),
      at timestamptz NOT NULL DEFAULT now(), kind text NOT NULL, summary text NOT NULL,
      front_event_id text, details jsonb NOT NULL DEFAULT '{}')`);
    await runner.query(`CREATE INDEX timeline_session ON sync.session_timeline (session_id, id)`);
    await runner.query(`CREATE TABLE sync.session_events (
      id bigserial PRIMARY KEY, org_id text NOT NULL, session_id text NOT NULL REFERENCES sync.sessions(id),
      front_event_id text NOT NULL, type text NOT NULL, emitted_at numeric NOT NULL,
      assignee jsonb, author_kind text, author_teammate_id text)`);
    await runner.query(`CREATE INDEX session_events_session ON sync.session_events (session_id, emitted_at)`);
    await runner.query(`CREATE TABLE sync.applied_events (
      org_id text NOT NULL, front_event_id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, front_event_id))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['applied_events', 'session_events', 'session_timeline', 'transcript_entries', 'sessions', 'contacts', 'integrations']) {
      await runner.query(`DROP TABLE IF EXISTS sync.${table}`);
    }
  }
}
