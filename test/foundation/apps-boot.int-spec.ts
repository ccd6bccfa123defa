import { randomBytes } from 'node:crypto';
import { DynamicModule } from '@nestjs/common';
import { connectAmqpTransport } from '@front-agent/messaging';
import { createServiceApp, listenServiceApp, loadConfig } from '@front-agent/service-kit';
import { createTestBroker, createTestDatabase, TestBroker, TestDatabase } from '@front-agent/testing';
import { ResponderAppModule } from '../../apps/ai-responder/src/app.module';
import { ResponderConfig } from '../../apps/ai-responder/src/config';
import { SyncAppModule } from '../../apps/conversation-sync/src/app.module';
import { SyncConfig } from '../../apps/conversation-sync/src/config';
import { SettingsAppModule } from '../../apps/integration-settings/src/app.module';
import { SettingsConfig } from '../../apps/integration-settings/src/config';
import { IngressAppModule } from '../../apps/webhook-ingress/src/app.module';
import { IngressConfig } from '../../apps/webhook-ingress/src/config';

type AppCase = [name: string, build: (env: NodeJS.ProcessEnv) => DynamicModule];

const APPS: AppCase[] = [
  ['webhook-ingress', (env) => IngressAppModule.forRoot(loadConfig(IngressConfig, env))],
  ['integration-settings', (env) => SettingsAppModule.forRoot(loadConfig(SettingsConfig, env))],
  ['conversation-sync', (env) => SyncAppModule.forRoot(loadConfig(SyncConfig, env))],
  ['ai-responder', (env) => ResponderAppModule.forRoot(loadConfig(ResponderConfig, env))],
];

describe('each service', () => {
  let database: TestDatabase;
  let broker: TestBroker;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    [database, broker] = await Promise.all([createTestDatabase('boot'), createTestBroker('boot')]);
    env = {
      DATABASE_URL: database.url,
      AMQP_URL: broker.url,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      PORT: '0',
    };
  });

  afterAll(async () => {
    await Promise.all([database.drop(), broker.drop()]);
  });

  it.each(APPS)('%s boots, answers /health/ready and shuts down cleanly', async (_name, build) => {
    const app = await createServiceApp(build(env), { configure: (nest) => void connectAmqpTransport(nest) });
    const port = await listenServiceApp(app, 0);
    const ready = await waitForReady(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(live.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('process_cpu_user_seconds_total');
    await expect(app.close()).resolves.toBeUndefined();
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  });

  it('refuses to start with a bad variable, naming it', () => {
    expect(() => loadConfig(SyncConfig, { ...env, AMQP_URL: 'http://nope' })).toThrow(/^AMQP_URL must be an amqp/);
    expect(() => loadConfig(IngressConfig, { ...env, ENCRYPTION_KEY: undefined })).toThrow(/^ENCRYPTION_KEY is required/);
  });
});

async function waitForReady(url: string, timeoutMs = 15_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last: Response | undefined;
  while (Date.now() < deadline) {
    last = await fetch(url).catch(() => undefined);
    if (last?.ok) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return last ?? new Response(null, { status: 599 });
}
