import { postWebhook, inboundEnvelope } from '../ingress/ingress-harness';
import { SyncSystem } from '../sync/sync-harness';

describe('the dashboard API over the running services', () => {
  let s: SyncSystem;
  let conversationId: string;

  beforeAll(async () => {
    s = await SyncSystem.start('status');
    ({ conversationId } = s.sandbox.customerMessage({ channel: 'email', handle: 'status@customer.test', text: 'How do I reset my password?', assigneeId: 'tea_ai' }));
    await s.settle();
  }, 60_000);

  afterAll(async () => {
    await s.stop();
  });

  const api = (method: string, path: string, body?: unknown, key = s.org.adminKey) => s.system.api(key, method, path, body);

  it('lists sessions and filters them by status and conversation', async () => {
    const all = await api('GET', '/v1/sessions');
    expect(all.status).toBe(200);
    expect(all.body.sessions.map((session: { conversationId: string }) => session.conversationId)).toContain(conversationId);
    const open = await api('GET', `/v1/sessions?status=open&conversationId=${conversationId}`);
    expect(open.body.sessions).toHaveLength(1);
    expect((await api('GET', '/v1/sessions?status=resolved')).body.sessions).toHaveLength(0);
    expect((await api('GET', '/v1/sessions?status=nonsense')).status).toBe(400);
  });

  it('shows one session with its transcript and decision timeline', async () => {
    const [session] = (await api('GET', `/v1/sessions?conversationId=${conversationId}`)).body.sessions;
    const detail = await api('GET', `/v1/sessions/${session.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.transcript[0]).toMatchObject({ direction: 'inbound', author: { kind: 'customer' }, text: 'How do I reset my password?' });
    expect(detail.body.timeline.map((entry: { summary: string }) => entry.summary)).toContain('reply requested from the AI');
  });

  it("gives another org's key a 404 for this org's session", async () => {
    const other = await s.system.createOrg('Globex');
    const [session] = (await api('GET', `/v1/sessions?conversationId=${conversationId}`)).body.sessions;
    expect((await api('GET', `/v1/sessions/${session.id}`, undefined, other.adminKey)).status).toBe(404);
    expect((await api('GET', '/v1/sessions', undefined, other.adminKey)).body.sessions).toEqual([]);
  });

  it('reports webhook health, signature failures and the sessions on the status page', async () => {
    const { webhookUrl } = (await api('GET', '/v1/integrations/front')).body;
    await postWebhook(webhookUrl, JSON.stringify(inboundEnvelope('evt_badsig')), { secret: 'not-the-secret' });
    await s.waitUntil(async () => (await api('GET', '/v1/integrations/front/status')).body.webhook.signatureFailuresLast24h > 0, 15_000);
    const status = (await api('GET', '/v1/integrations/front/status')).body;
    expect(status.credentials).toMatchObject({ ok: true, lastValidationResult: 'ok' });
    expect(status.webhook).toMatchObject({ noWebhookYet: false, lastSignatureFailureReason: 'bad_signature', unsignedWarning: null });
    expect(status.webhook.countLast24h).toBeGreaterThanOrEqual(1);
    expect(status.webhook.lastEventByType.inbound).toBeTruthy();
    expect(status.ai).toMatchObject({ responder: 'embedded', deadLetters: 0 });
    expect(status.sessions.sessionsByStatus.open).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('re-checks the credentials on demand', async () => {
    const before = (await api('GET', '/v1/integrations/front')).body.lastValidatedAt;
    const status = await api('GET', '/v1/integrations/front/status?check=true');
    expect(status.status).toBe(200);
    expect(new Date(status.body.credentials.lastValidatedAt).getTime()).toBeGreaterThan(new Date(before).getTime());
  });

  it('lets admins, not members, ask for a knowledge sync', async () => {
    const member = await s.system.appOf('integration-settings').get(
      (await import('../../apps/integration-settings/src/orgs/organization.service')).OrganizationService,
    ).createKey(s.org.orgId, 'member');
    expect((await api('POST', '/v1/integrations/front/knowledge/sync', undefined, member.key)).status).toBe(403);
    const accepted = await api('POST', '/v1/integrations/front/knowledge/sync');
    expect(accepted.status).toBe(202);
    expect(accepted.body.state).toBe('requested');
  });

  it('keeps sessions readable after disconnect', async () => {
    expect((await api('DELETE', '/v1/integrations/front')).status).toBe(200);
    const after = await api('GET', `/v1/sessions?conversationId=${conversationId}`);
    expect(after.body.sessions).toHaveLength(1);
  });
});
