import { DataSource } from 'typeorm';
import { OutboxWriter } from '@front-agent/messaging';
import { migrateServiceSchema, serviceDataSourceOptions } from '@front-agent/service-kit';
import { createTestDatabase, type TestDatabase } from '@front-agent/testing';
import { SYNC_ENTITIES, SYNC_MIGRATIONS } from '../persistence';
import { draftCheckRequest } from './draft-check-request';
import { EventApplicationRepository, type EventWrite } from './event-application.repository';
import type { SessionEntity } from './session.entity';
import { SessionRepository } from './session.repository';

describe('EventApplicationRepository (a Front event in one read and one conditional write)', () => {
  let database: TestDatabase;
  let db: DataSource;
  let store: EventApplicationRepository;
  let sessions: SessionRepository;

  beforeAll(async () => {
    database = await createTestDatabase('sync_event_application');
    db = new DataSource(serviceDataSourceOptions({ url: database.url, schema: 'sync', entities: SYNC_ENTITIES, migrations: SYNC_MIGRATIONS }));
    await db.initialize();
    await migrateServiceSchema(db, 'sync');
    store = new EventApplicationRepository(new OutboxWriter('sync'));
    sessions = new SessionRepository(db);
    await db.query(
      `INSERT INTO sync.integrations (integration_id, org_id, connected, enabled, handle_unassigned, ai_teammate_id, revision)
       VALUES ('int_1', 'org_1', true, true, false, 'tea_ai', 3)`,
    );
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const read = (conversationId: string, eventId: string, receivedOf?: string[]) =>
    store.read(db.manager, { orgId: 'org_1', integrationId: 'int_1', conversationId, eventId, withRecent: true, receivedOf });

  function change(session: SessionEntity, frontEventId: string, overrides: Partial<EventWrite> = {}): EventWrite {
    return {
      orgId: 'org_1',
      eventId: frontEventId,
      session,
      isNew: session.version === 0,
      integrationRevision: 3,
      logged: { type: 'inbound', frontEventId, emittedAt: 100.5, assigneeId: 'tea_ai' },
      transcript: {
        frontMessageId: `msg_${frontEventId}`,
        kind: 'message',
        direction: 'inbound',
        authorKind: 'customer',
        authorId: null,
        authorHandle: 'ana@example.com',
        text: 'Hello',
        emittedAt: 100.5,
        receivedAt: new Date('2026-11-25T10:00:00Z'),
      },
      contact: { handle: 'ana@example.com', kind: 'email', name: 'Ana' },
      timeline: [{ kind: 'event', summary: 'inbound by ana', frontEventId, details: { quote: `it's "quoted"` } }],
      outbox: [{ routingKey: 'conversation.draft-check-requested', message: draftCheckRequest(session, { id: frontEventId, label: 'test', correlationId: 'cor_1' }) }],
      ...overrides,
    };
  }

  async function countRows(conversationId: string) {
    const [row] = await db.query(
      `SELECT (SELECT count(*) FROM sync.sessions WHERE conversation_id = $1)::int AS sessions,
              (SELECT count(*) FROM sync.session_events e JOIN sync.sessions s ON s.id = e.session_id WHERE s.conversation_id = $1)::int AS events,
              (SELECT count(*) FROM sync.session_timeline t JOIN sync.sessions s ON s.id = t.session_id WHERE s.conversation_id = $1)::int AS timeline,
              (SELECT count(*) FROM sync.transcript_entries t JOIN sync.sessions s ON s.id = t.session_id WHERE s.conversation_id = $1)::int AS transcript,
              (SELECT count(*) FROM sync.outbox WHERE payload->>'conversationId' = $1)::int AS outbox`,
      [conversationId],
    );
    return row as Record<'sessions' | 'events' | 'timeline' | 'transcript' | 'outbox', number>;
  }

  it('reads nothing of a conversation never seen, but the integration it would decide with', async () => {
    const snapshot = await read('cnv_unseen', 'evt_unseen');
    expect(snapshot).toEqual({
      alreadyApplied: false,
      integration: { connected: true, enabled: true, handleUnassigned: false, aiTeammateId: 'tea_ai', revision: 3 },
      session: null,
      log: [],
      recent: [],
      earliestReceivedAt: null,
    });
  });

  it('writes a first event with everything that goes with it, then reads it back', async () => {
    const session = Object.assign(store.newSession('org_1', 'int_1', 'cnv_first'), { assigneeId: 'tea_ai', lastEmittedAt: 100.5 });
    expect(await store.write(db.manager, change(session, 'evt_1'))).toBe(true);

    const snapshot = await read('cnv_first', 'evt_1');
    expect(snapshot.alreadyApplied).toBe(true);
    expect(snapshot.session).toMatchObject({ id: session.id, assigneeId: 'tea_ai', lastEmittedAt: 100.5, version: 1 });
    expect(snapshot.session?.contactId).toMatch(/^ct_/);
    expect(snapshot.log).toEqual([{ type: 'inbound', frontEventId: 'evt_1', emittedAt: 100.5, assigneeId: 'tea_ai' }]);
    expect(snapshot.recent).toEqual([{ frontMessageId: 'msg_evt_1', direction: 'inbound', authorKind: 'customer', text: 'Hello', emittedAt: 100.5 }]);
    expect((await read('cnv_first', 'evt_2', ['msg_unknown', 'msg_evt_1'])).earliestReceivedAt).toEqual(new Date('2026-11-25T10:00:00Z'));
    expect((await read('cnv_first', 'evt_2', ['msg_unknown'])).earliestReceivedAt).toBeNull();
    expect(await countRows('cnv_first')).toEqual({ sessions: 1, events: 1, timeline: 1, transcript: 1, outbox: 1 });
    const [line] = await sessions.timelineOfSession('org_1', session.id);
    expect(line.details).toEqual({ quote: `it's "quoted"` });
  });

  it('keeps the event log as replaySession reads it: an unassign (null) apart from no assignee, emitted times exact', async () => {
    const session = store.newSession('org_1', 'int_1', 'cnv_log');
    await store.write(db.manager, change(session, 'evt_log_1', { logged: { type: 'inbound', frontEventId: 'evt_log_1', emittedAt: 100, assigneeId: 'tea_ai' } }));
    const next = (await read('cnv_log', 'evt_log_2')).session!;
    await store.write(db.manager, change(next, 'evt_log_2', { logged: { type: 'unassign', frontEventId: 'evt_log_2', emittedAt: 101.5, assigneeId: null } }));
    await store.write(db.manager, change((await read('cnv_log', 'evt_log_3')).session!, 'evt_log_3', { logged: { type: 'tag', frontEventId: 'evt_log_3', emittedAt: 102 } }));
    const { log } = await read('cnv_log', 'evt_log_4');
    expect(log.sort((x, y) => x.emittedAt - y.emittedAt)).toEqual([
      { type: 'inbound', frontEventId: 'evt_log_1', emittedAt: 100, assigneeId: 'tea_ai' },
      { type: 'unassign', frontEventId: 'evt_log_2', emittedAt: 101.5, assigneeId: null },
      { type: 'tag', frontEventId: 'evt_log_3', emittedAt: 102 },
    ]);
  });

  it('writes nothing over a version that is no longer the session\'s', async () => {
    const session = store.newSession('org_1', 'int_1', 'cnv_stale');
    expect(await store.write(db.manager, change(session, 'evt_a'))).toBe(true);
    const [first, second] = [(await read('cnv_stale', 'evt_b')).session!, (await read('cnv_stale', 'evt_c')).session!];
    expect(await store.write(db.manager, change(first, 'evt_b'))).toBe(true);
    expect(await store.write(db.manager, change(second, 'evt_c'))).toBe(false);

    expect(await countRows('cnv_stale')).toEqual({ sessions: 1, events: 2, timeline: 2, transcript: 2, outbox: 2 });
    expect((await read('cnv_stale', 'evt_c')).alreadyApplied).toBe(false);
    expect((await read('cnv_stale', 'evt_c')).session?.version).toBe(2);
  });

  it('lets only one of two first events create the session', async () => {
    const [a, b] = [store.newSession('org_1', 'int_1', 'cnv_race'), store.newSession('org_1', 'int_1', 'cnv_race')];
    const written = await Promise.all([store.write(db.manager, change(a, 'evt_race_a')), store.write(db.manager, change(b, 'evt_race_b'))]);
    expect(written.sort()).toEqual([false, true]);
    expect(await countRows('cnv_race')).toMatchObject({ sessions: 1, events: 1, outbox: 1 });
  });

  it('writes nothing when the integration changed since the decision was read', async () => {
    const session = store.newSession('org_1', 'int_1', 'cnv_disconnect');
    expect(await store.write(db.manager, change(session, 'evt_x', { integrationRevision: 2 }))).toBe(false);
    expect(await countRows('cnv_disconnect')).toEqual({ sessions: 0, events: 0, timeline: 0, transcript: 0, outbox: 0 });
  });

  it('sees a write made under the row lock (an AI outcome) as a new version', async () => {
    const session = store.newSession('org_1', 'int_1', 'cnv_locked');
    await store.write(db.manager, change(session, 'evt_l1'));
    const before = (await read('cnv_locked', 'evt_l2')).session!;
    await db.transaction(async (manager) => sessions.saveSession(manager, (await sessions.lockSessionById(manager, 'org_1', session.id))!));
    expect(await store.write(db.manager, change(before, 'evt_l2'))).toBe(false);
    expect((await read('cnv_locked', 'evt_l2')).session?.version).toBe(2);
  });

  it('writes an AI outcome once under its ai: id, logging no event when it has none', async () => {
    const session = store.newSession('org_1', 'int_1', 'cnv_outcome');
    await store.write(db.manager, change(session, 'evt_o1'));
    const outcome = (snapshot: SessionEntity): EventWrite =>
      change(snapshot, 'ai:msg_out_1', { logged: null, transcript: null, contact: null, outbox: [], timeline: [{ kind: 'ai', summary: 'AI replied', frontEventId: null, details: {} }] });
    expect(await store.write(db.manager, outcome((await read('cnv_outcome', 'ai:msg_out_1')).session!))).toBe(true);
    expect(await countRows('cnv_outcome')).toEqual({ sessions: 1, events: 1, timeline: 2, transcript: 1, outbox: 1 });
    expect((await read('cnv_outcome', 'ai:msg_out_1')).alreadyApplied).toBe(true);
    // A copy that read before the first was written cannot apply it again: the version moved on.
    expect(await store.write(db.manager, outcome(Object.assign((await read('cnv_outcome', 'x')).session!, { version: 1 })))).toBe(false);
  });

  it('reads each shape of snapshot with one generic plan per connection instead of planning every read', async () => {
    const runner = db.createQueryRunner();
    try {
      const session = store.newSession('org_1', 'int_1', 'cnv_plans');
      await store.write(runner.manager, change(session, 'evt_p1'));
      for (let round = 0; round < 10; round += 1) {
        await store.read(runner.manager, { orgId: 'org_1', integrationId: 'int_1', conversationId: 'cnv_plans', eventId: `evt_p${round}`, withRecent: true });
        const lean = await store.read(runner.manager, { orgId: 'org_1', integrationId: 'int_1', conversationId: 'cnv_plans', eventId: 'evt_p1', withRecent: false, receivedOf: ['msg_evt_p1'] });
        expect(lean).toMatchObject({ alreadyApplied: true, recent: [], earliestReceivedAt: new Date('2026-11-25T10:00:00Z') });
      }
      const plans: Array<{ generic_plans: string; custom_plans: string }> = await runner.query(
        `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%AS already_applied%'`,
      );
      expect(plans).toHaveLength(2);
      for (const plan of plans) expect(Number(plan.generic_plans)).toBeGreaterThanOrEqual(5);
    } finally {
      await runner.release();
    }
  });

  it('marks an event without a conversation applied once, and finds applied events among a batch', async () => {
    expect(await store.markApplied(db.manager, 'org_1', 'evt_no_conversation')).toBe(true);
    expect(await store.markApplied(db.manager, 'org_1', 'evt_no_conversation')).toBe(false);
    expect(await store.appliedAmong(db.manager, 'org_1', ['evt_no_conversation', 'evt_1', 'evt_never'])).toEqual(new Set(['evt_no_conversation', 'evt_1']));
    expect(await store.appliedAmong(db.manager, 'org_2', ['evt_no_conversation'])).toEqual(new Set());
  });
});
