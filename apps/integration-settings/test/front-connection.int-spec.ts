import * as amqp from 'amqplib';
import { DataSource } from 'typeorm';
import { RpcClient } from '@front-agent/messaging';
import type { ResolveWebhookKeyResponseV1 } from '@front-agent/contracts';
import { callApi, SettingsHarness, startSettingsHarness } from './settings-harness';

const TOKEN = 'sandbox-token';

describe('Front connection API', () => {
  let harness: SettingsHarness;
  const responses: string[] = [];
  const logLines: string[] = [];
  const brokerMessages: string[] = [];
  let restoreStdout: () => void;
  let brokerConnection: amqp.ChannelModel;

  const api = async (key: string | undefined, method: string, path: string, body?: unknown) => {
    const result = await callApi(harness, key, method, path, body);
    responses.push(JSON.stringify(result.body ?? null));
    return result;
  };

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logLines.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    restoreStdout = () => (process.stdout.write = write);
    harness = await startSettingsHarness({ env: { LOG_LEVEL: 'debug' } });
    brokerConnection = await amqp.connect(harness.env.AMQP_URL!);
    const channel = await brokerConnection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    for (const exchange of ['front.events', 'agent.events']) {
      await channel.assertExchange(exchange, 'topic', { durable: true });
      await channel.bindQueue(queue, exchange, '#');
    }
    await channel.consume(queue, (message) => message && brokerMessages.push(message.content.toString()), { noAck: true });
  });

  afterAll(async () => {
    restoreStdout();
    await brokerConnection.close();
    await harness.close();
  });

  it('refuses a call without a valid key', async () => {
    expect((await api(undefined, 'GET', '/v1/integrations/front')).status).toBe(401);
    expect((await api('fa_wrong', 'GET', '/v1/integrations/front')).body.error.code).toBe('unauthenticated');
  });

  it('says nothing is connected yet', async () => {
    const result = await api(harness.adminKey, 'GET', '/v1/integrations/front');
    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe('not_connected');
  });

  it('lets only admins connect', async () => {
    const result = await api(harness.memberKey, 'POST', '/v1/integrations/front/connect', { apiToken: TOKEN });
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe('admin_required');
  });

  it('names the missing field of a bad body', async () => {
    const result = await api(harness.adminKey, 'POST', '/v1/integrations/front/connect', {});
    expect(result.status).toBe(400);
    expect(result.body.error.message).toMatch(/apiToken/);
  });

  it.each([
    ['sandbox-token-revoked', 'token_invalid', /revoked or is wrong/],
    ['sandbox-token-no-api', 'api_access_missing', /no API access/],
    ['sandbox-token-no-kb', 'token_scope_missing', /knowledge_bases:read/],
  ])('refuses %s with %s', async (apiToken, code, message) => {
    const result = await api(harness.adminKey, 'POST', '/v1/integrations/front/connect', { apiToken });
    expect(result.status).toBe(422);
    expect(result.body.error.code).toBe(code);
    expect(result.body.error.message).toMatch(message);
  });

  it('says front_unreachable when Front does not answer', async () => {
    harness.sandbox.control.addFault({ method: 'GET', path: '/me', drop: true });
    const result = await api(harness.adminKey, 'POST', '/v1/integrations/front/connect', { apiToken: TOKEN });
    harness.sandbox.control.clearFaults();
    expect(result.status).toBe(422);
    expect(result.body.error.code).toBe('front_unreachable');
  }, 60_000);

  it('connects with a valid token and returns the webhook URL', async () => {
    const result = await api(harness.adminKey, 'POST', '/v1/integrations/front/connect', { apiToken: TOKEN });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ connected: true, enabled: true, handleUnassigned: false, frontCompany: { id: 'cmp_sandbox' } });
    expect(result.body.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:3001\/webhooks\/front\/[A-Za-z0-9_-]{32}$/);
  });

  it('lists the teammates live from Front, blocked ones marked', async () => {
    const result = await api(harness.memberKey, 'GET', '/v1/integrations/front/teammates');
    expect(result.status).toBe(200);
    const byId = Object.fromEntries(result.body.teammates.map((t: { id: string }) => [t.id, t]));
    expect(byId.tea_ai).toMatchObject({ isBlocked: false });
    expect(byId.tea_blocked).toMatchObject({ isBlocked: true });
  });

  it('accepts only a non-blocked teammate of the company as the AI teammate', async () => {
    expect((await api(harness.adminKey, 'PATCH', '/v1/integrations/front', { aiTeammateId: 'tea_nobody' })).body.error.code).toBe('teammate_invalid');
    expect((await api(harness.adminKey, 'PATCH', '/v1/integrations/front', { aiTeammateId: 'tea_blocked' })).status).toBe(422);
    expect((await api(harness.adminKey, 'PATCH', '/v1/integrations/front', { aiTeammateId: 'not-an-id' })).status).toBe(400);
    const ok = await api(harness.adminKey, 'PATCH', '/v1/integrations/front', { aiTeammateId: 'tea_ai', handleUnassigned: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ aiTeammateId: 'tea_ai', handleUnassigned: true });
  });

  it('keeps signing secrets write-only', async () => {
    const result = await api(harness.adminKey, 'PATCH', '/v1/integrations/front', { webhookSecret: 'app-secret-xyz', ruleWebhookSecret: 'rule-secret-xyz' });
    expect(result.body).toMatchObject({ hasWebhookSecret: true, hasRuleWebhookSecret: true });
    expect(JSON.stringify(result.body)).not.toContain('secret-xyz');
  });

  it('lets members read but not change', async () => {
    expect((await api(harness.memberKey, 'GET', '/v1/integrations/front')).status).toBe(200);
    expect((await api(harness.memberKey, 'PATCH', '/v1/integrations/front', { enabled: false })).status).toBe(403);
    expect((await api(harness.memberKey, 'DELETE', '/v1/integrations/front')).status).toBe(403);
  });

  it("shows another org nothing of this org's integration", async () => {
    const other = await harness.createOrg('Globex');
    expect((await api(other.adminKey, 'GET', '/v1/integrations/front')).status).toBe(404);
    expect((await api(other.adminKey, 'GET', '/v1/integrations/front/teammates')).status).toBe(404);
    expect((await api(other.adminKey, 'DELETE', '/v1/integrations/front')).status).toBe(404);
    const audit = await api(other.adminKey, 'GET', '/v1/audit');
    expect(audit.body.entries.every((entry: { action: string }) => entry.action === 'org.created')).toBe(true);
  });

  it('audits every change without secret values', async () => {
    const audit = await api(harness.memberKey, 'GET', '/v1/audit');
    const actions = audit.body.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['integration.connected', 'integration.updated']));
    const updated = audit.body.entries.find((entry: { changes: Record<string, unknown> }) => 'webhookSecret' in entry.changes);
    expect(updated.changes.webhookSecret).toBe('set');
  });

  it('disconnects: the webhook key becomes unknown', async () => {
    const before = await api(harness.adminKey, 'GET', '/v1/integrations/front');
    const webhookKey = before.body.webhookUrl.split('/').pop();
    const rpc = harness.app.get(RpcClient);
    const found = await rpc.request<ResolveWebhookKeyResponseV1>('rpc.settings.resolve-webhook-key', { version: 1, webhookKey });
    expect(found.found).toBe(true);
    expect(JSON.stringify(found)).not.toContain('app-secret-xyz');
    const result = await api(harness.adminKey, 'DELETE', '/v1/integrations/front');
    expect(result.status).toBe(200);
    expect(result.body.connected).toBe(false);
    const gone = await rpc.request<ResolveWebhookKeyResponseV1>('rpc.settings.resolve-webhook-key', { version: 1, webhookKey });
    expect(gone.found).toBe(false);
    expect((await api(harness.adminKey, 'GET', '/v1/integrations/front')).status).toBe(404);
  });

  it('never shows the token or secrets in clear: API, logs, broker, database', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const dataSource = harness.app.get(DataSource);
    const tables: Array<{ table_name: string }> = await dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'settings'",
    );
    const rows: string[] = [];
    for (const { table_name } of tables) {
      const dump: Array<{ row: string }> = await dataSource.query(`SELECT row_to_json(t)::text AS row FROM settings."${table_name}" t`);
      rows.push(...dump.map((entry) => entry.row));
    }
    expect(brokerMessages.length).toBeGreaterThan(0);
    expect(logLines.length).toBeGreaterThan(0);
    for (const [where, haystack] of Object.entries({ api: responses, logs: logLines, broker: brokerMessages, database: rows })) {
      for (const secret of [TOKEN, 'app-secret-xyz', 'rule-secret-xyz']) {
        expect({ where, leaked: haystack.some((text) => text.includes(secret)) }).toEqual({ where, leaked: false });
      }
    }
  });
});

describe('the Front budget', () => {
  it("is learnt from Front's x-ratelimit-limit when connecting", async () => {
    const harness = await startSettingsHarness();
    try {
      harness.sandbox.control.setRateLimit({ enabled: true, perMinute: 200 });
      await callApi(harness, harness.adminKey, 'POST', '/v1/integrations/front/connect', { apiToken: 'sandbox-token' });
      const [row] = await harness.app.get(DataSource).query('SELECT rate_limit_per_minute FROM settings.front_integrations');
      expect(row.rate_limit_per_minute).toBe(200);
    } finally {
      await harness.close();
    }
  });
});
