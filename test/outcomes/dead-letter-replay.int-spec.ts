import { ApiKeyService } from '../../apps/integration-settings/src/auth/api-key.service';
import { SyncSystem } from '../sync/sync-harness';

describe('a dead-lettered message is listed and replayed once', () => {
  let s: SyncSystem;

  beforeAll(async () => {
    s = await SyncSystem.start('dead-letters', 1, { RECONCILE_INTERVAL_SECONDS: '0', EVENT_MAX_ATTEMPTS: '1' });
  }, 60_000);

  afterAll(async () => {
    await s.stop();
  });

  const effectsOf = async (frontEventId: string) => {
    const [{ count }] = await s.syncDb.query('SELECT count(*)::int AS count FROM sync.session_timeline WHERE front_event_id = $1', [frontEventId]);
    return count as number;
  };
  const api = (method: string, path: string, key = s.org.adminKey) => s.system.api(key, method, path);

  it('lists the failure with its error and org, replays it through the normal path, and a second replay adds nothing', async () => {
    const { conversationId, messageId } = s.sandbox.customerMessage({ channel: 'email', handle: 'dlq@customer.test', text: 'where is my parcel?', assigneeId: 'tea_ai' });
    await s.settle();
    s.sandbox.addFault({ method: 'GET', path: '/conversations/{conversation_id}', status: 404 });
    const frontEventId = 'evt_preview_dlq';
    await s.publishFrontEvent({ type: 'inbound', frontEventId, emittedAt: Date.now() / 1000, conversationId, frontMessageId: messageId, isPreview: true });

    let listed: Array<Record<string, unknown>> = [];
    await s.waitUntil(async () => {
      listed = (await api('GET', '/v1/dead-letters')).body.deadLetters;
      return listed.length === 1;
    }, 15_000);
    expect(listed[0]).toMatchObject({ service: 'conversation-sync', queue: 'conversation-sync.events', routingKey: 'front.inbound', failedMessageId: frontEventId, orgId: s.org.orgId, attempts: 1, replayCount: 0 });
    expect(listed[0].error).toEqual(expect.any(String));
    expect(listed[0]).not.toHaveProperty('body');
    expect(await effectsOf(frontEventId)).toBe(0);

    s.sandbox.clearFaults();
    const id = listed[0].id as string;
    const first = await api('POST', `/v1/dead-letters/${id}/replay`);
    expect(first.status).toBe(202);
    await s.waitUntil(async () => (await effectsOf(frontEventId)) > 0);
    await s.settle();
    const effects = await effectsOf(frontEventId);

    const second = await api('POST', `/v1/dead-letters/${id}/replay`);
    expect(second.body).toMatchObject({ replayCount: 2 });
    await s.settle();
    expect(await effectsOf(frontEventId)).toBe(effects);
    const [{ count }] = await s.syncDb.query('SELECT count(*)::int AS count FROM sync.applied_events WHERE front_event_id = $1', [frontEventId]);
    expect(count).toBe(1);

    const audit = (await api('GET', '/v1/audit')).body.entries.filter((entry: { action: string }) => entry.action === 'dead_letter.replayed');
    expect(audit).toHaveLength(2);
    expect(audit[0].changes).toMatchObject({ deadLetterId: id, routingKey: 'front.inbound' });
  }, 60_000);

  it('shows one org nothing of another, lets members read but not replay, and names an unknown id', async () => {
    const [deadLetter] = (await api('GET', '/v1/dead-letters')).body.deadLetters;
    const other = await s.system.createOrg('Globex');
    expect((await api('GET', '/v1/dead-letters', other.adminKey)).body.deadLetters).toEqual([]);
    expect((await api('POST', `/v1/dead-letters/${deadLetter.id}/replay`, other.adminKey)).status).toBe(404);

    const member = await s.system.appOf('integration-settings').get(ApiKeyService).createKey(s.org.orgId, 'member');
    expect((await api('GET', '/v1/dead-letters', member.key)).body.deadLetters).toHaveLength(1);
    expect((await api('POST', `/v1/dead-letters/${deadLetter.id}/replay`, member.key)).status).toBe(403);
    const unknown = await api('POST', '/v1/dead-letters/nope/replay');
    expect(unknown.status).toBe(404);
    expect((await api('GET', '/v1/dead-letters?limit=0')).body.error.message).toMatch(/limit/);
  });
});
