import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SecretBox } from '@front-agent/service-kit';
import { callApi, SettingsHarness, startSettingsHarness } from './settings-harness';

describe('keys:rotate and /docs', () => {
  let harness: SettingsHarness;

  beforeAll(async () => {
    harness = await startSettingsHarness();
    await callApi(harness, harness.adminKey, 'POST', '/v1/integrations/front/connect', { apiToken: 'sandbox-token' });
    await callApi(harness, harness.adminKey, 'PATCH', '/v1/integrations/front', { webhookSecret: 'app-secret-rot' });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('re-encrypts every stored secret under the new key, keeping them readable', async () => {
    const oldKey = harness.env.ENCRYPTION_KEY!;
    const newKey = randomBytes(32).toString('base64');
    const cli = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/integration-settings/src/cli/main.ts', 'keys:rotate'], {
      env: { ...process.env, DATABASE_URL: harness.env.DATABASE_URL, ENCRYPTION_KEY: newKey, ENCRYPTION_KEY_VERSION: '2', ENCRYPTION_OLD_KEYS: `1:${oldKey}` },
      encoding: 'utf8',
    });
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toMatch(/re-encrypted 2 secret\(s\) under key version 2/);
    const [row] = await harness.app.get(DataSource).query('SELECT api_token, webhook_secret FROM settings.front_integrations');
    expect([row.api_token.keyVersion, row.webhook_secret.keyVersion]).toEqual([2, 2]);
    const box = SecretBox.fromEnv({ ENCRYPTION_KEY: newKey, ENCRYPTION_KEY_VERSION: 2 });
    expect(box.open(row.api_token)).toBe('sandbox-token');
    expect(box.open(row.webhook_secret)).toBe('app-secret-rot');
  });

  it('publishes the OpenAPI document of the API at /docs', async () => {
    const response = await fetch(`${harness.baseUrl}/docs/json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/integrations/front/connect', '/v1/integrations/front', '/v1/integrations/front/status', '/v1/sessions/{id}', '/v1/audit']),
    );
    expect((await fetch(`${harness.baseUrl}/docs`)).status).toBe(200);
  });
});
