import { DataSource } from 'typeorm';
import { migrateServiceSchema, serviceDataSourceOptions } from '@front-agent/service-kit';
import { createTestDatabase, type TestDatabase } from '@front-agent/testing';
import { SYNC_ENTITIES, SYNC_MIGRATIONS } from '../persistence';
import { IntegrationStateRepository } from '../integrations/integration-state.repository';
import { SessionRepository } from './session.repository';

describe('conversation-sync persistence (one round trip per step)', () => {
  let database: TestDatabase;
  let db: DataSource;
  let sessions: SessionRepository;

  beforeAll(async () => {
    database = await createTestDatabase('sync_sessions');
    db = new DataSource(serviceDataSourceOptions({ url: database.url, schema: 'sync', entities: SYNC_ENTITIES, migrations: SYNC_MIGRATIONS }));
    await db.initialize();
    await migrateServiceSchema(db, 'sync');
    sessions = new SessionRepository(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('creates a session on first sight and returns it as an entity (defaults, transformed columns)', async () => {
    const session = await db.transaction((manager) => sessions.lockOrCreateSession(manager, 'org_1', 'int_1', 'cnv_new'));
    expect(session).toMatchObject({ orgId: 'org_1', integrationId: 'int_1', conversationId: 'cnv_new', status: 'open', lastEmittedAt: 0, contactId: null });
    expect(session.id).toMatch(/^ses_/);
    expect(session.createdAt).toBeInstanceOf(Date);
  });

  it('gives two racing transactions the same session, the second only once the first commits', async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = db.transaction(async (manager) => {
      const session = await sessions.lockOrCreateSession(manager, 'org_1', 'int_1', 'cnv_race');
      order.push('first locked');
      await firstHolds;
      await sessions.saveSession(manager, Object.assign(session, { assigneeId: 'tea_ai' }));
      order.push('first commits');
      return session;
    });
    while (order.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = db.transaction(async (manager) => {
      const session = await sessions.lockOrCreateSession(manager, 'org_1', 'int_1', 'cnv_race');
      order.push('second locked');
      return session;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    releaseFirst();

    const [a, b] = await Promise.all([first, second]);
    expect(b.id).toBe(a.id);
    expect(b.assigneeId).toBe('tea_ai');
    expect(order).toEqual(['first locked', 'first commits', 'second locked']);
  });

  it('logs an event and returns the whole log, the new event included', async () => {
    const log = await db.transaction(async (manager) => {
      const session = await sessions.lockOrCreateSession(manager, 'org_1', 'int_1', 'cnv_log');
      await sessions.logSessionEvent(manager, 'org_1', session.id, { type: 'inbound', frontEventId: 'evt_1', emittedAt: 100, assigneeId: 'tea_ai' });
      return sessions.logSessionEvent(manager, 'org_1', session.id, { type: 'unassign', frontEventId: 'evt_2', emittedAt: 101.5, assigneeId: null });
    });
    expect(log.sort((x, y) => x.emittedAt - y.emittedAt)).toEqual([
      { type: 'inbound', frontEventId: 'evt_1', emittedAt: 100, assigneeId: 'tea_ai' },
      { type: 'unassign', frontEventId: 'evt_2', emittedAt: 101.5, assigneeId: null },
    ]);
  });

  it('saves a session and appends its timeline in one statement, in order, details as JSON', async () => {
    const at = new Date('2026-11-25T10:00:00Z');
    const saved = await db.transaction(async (manager) => {
      const session = await sessions.lockOrCreateSession(manager, 'org_1', 'int_1', 'cnv_save');
      Object.assign(session, { status: 'human_active', assigneeId: 'tea_alice', lastEmittedAt: 1795600000.25 });
      return sessions.saveSession(manager, session, [
        { orgId: 'org_1', sessionId: session.id, kind: 'event', summary: 'first', frontEventId: 'evt_a', details: { quote: `it's "quoted"` } },
        { orgId: 'org_1', sessionId: session.id, kind: 'assignment', summary: 'second', frontEventId: null, details: {}, at },
      ]);
    });
    const [row] = await db.query('SELECT status, assignee_id, last_emitted_at FROM sync.sessions WHERE id = $1', [saved.id]);
    expect(row).toEqual({ status: 'human_active', assignee_id: 'tea_alice', last_emitted_at: '1795600000.25' });
    const timeline = await sessions.timelineOfSession('org_1', saved.id);
    expect(timeline.map((entry) => [entry.kind, entry.summary, entry.frontEventId, entry.details])).toEqual([
      ['event', 'first', 'evt_a', { quote: `it's "quoted"` }],
      ['assignment', 'second', null, {}],
    ]);
    expect(timeline[1].at).toEqual(at);
  });

  it('marks a Front event applied once and reads its integration under a share lock in the same statement', async () => {
    await db.query(
      `INSERT INTO sync.integrations (integration_id, org_id, connected, enabled, handle_unassigned, ai_teammate_id, revision)
       VALUES ('int_state', 'org_1', true, true, false, 'tea_ai', 1)`,
    );
    const states = new IntegrationStateRepository(db);
    const first = await db.transaction((manager) => states.markEventAppliedAndReadState(manager, 'org_1', 'evt_state', 'int_state'));
    expect(first?.state).toMatchObject({ integrationId: 'int_state', orgId: 'org_1', connected: true, enabled: true, aiTeammateId: 'tea_ai' });
    expect(await db.transaction((manager) => states.markEventAppliedAndReadState(manager, 'org_1', 'evt_state', 'int_state'))).toBeNull();
    expect(await db.transaction((manager) => states.markEventAppliedAndReadState(manager, 'org_2', 'evt_state', 'int_state'))).toEqual({ state: null });
  });
});
