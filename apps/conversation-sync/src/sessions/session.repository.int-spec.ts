import { DataSource, type EntityManager } from 'typeorm';
import { migrateServiceSchema, serviceDataSourceOptions } from '@front-agent/service-kit';
import { createTestDatabase, type TestDatabase } from '@front-agent/testing';
import { SYNC_ENTITIES, SYNC_MIGRATIONS } from '../persistence';
import type { SessionEntity } from './session.entity';
import { SessionRepository } from './session.repository';

describe('conversation-sync session writes under lock (ai outcomes, outcome reviews)', () => {
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

  async function lockedNewSession(manager: EntityManager, conversationId: string): Promise<SessionEntity> {
    await manager.query(`INSERT INTO sync.sessions (id, org_id, integration_id, conversation_id) VALUES ($1, 'org_1', 'int_1', $2)`, [`ses_${conversationId}`, conversationId]);
    return (await sessions.lockSessionById(manager, 'org_1', `ses_${conversationId}`))!;
  }

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('saves a session and appends its timeline in one statement, in order, details as JSON', async () => {
    const at = new Date('2026-11-25T10:00:00Z');
    const saved = await db.transaction(async (manager) => {
      const session = await lockedNewSession(manager, 'cnv_save');
      Object.assign(session, { status: 'human_active', assigneeId: 'tea_alice', lastEmittedAt: 1795600000.25 });
      return sessions.saveSession(manager, session, [
        { orgId: 'org_1', sessionId: session.id, kind: 'event', summary: 'first', frontEventId: 'evt_a', details: { quote: `it's "quoted"` } },
        { orgId: 'org_1', sessionId: session.id, kind: 'assignment', summary: 'second', frontEventId: null, details: {}, at },
      ]);
    });
    const [row] = await db.query('SELECT status, assignee_id, last_emitted_at, version FROM sync.sessions WHERE id = $1', [saved.id]);
    expect(row).toEqual({ status: 'human_active', assignee_id: 'tea_alice', last_emitted_at: '1795600000.25', version: '1' });
    const timeline = await sessions.timelineOfSession('org_1', saved.id);
    expect(timeline.map((entry) => [entry.kind, entry.summary, entry.frontEventId, entry.details])).toEqual([
      ['event', 'first', 'evt_a', { quote: `it's "quoted"` }],
      ['assignment', 'second', null, {}],
    ]);
    expect(timeline[1].at).toEqual(at);
  });
});
