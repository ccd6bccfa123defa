import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectAmqpTransport } from '@front-agent/messaging';
import { createServiceApp, listenServiceApp, loadConfig } from '@front-agent/service-kit';
import { createTestBroker, createTestDatabase, startFrontSandbox, type FrontSandbox } from '@front-agent/testing';
import { SettingsAppModule } from '../src/app.module';
import { SettingsConfig } from '../src/config';
import { serveDashboardAndDocs } from '../src/dashboard/serve-dashboard';
import { OrganizationService } from '../src/orgs/organization.service';

export interface SettingsHarness {
  baseUrl: string;
  app: NestFastifyApplication;
  env: NodeJS.ProcessEnv;
  adminKey: string;
  memberKey: string;
  orgId: string;
  sandbox: FrontSandbox;
  /** A second organisation, for isolation tests. */
  createOrg(name: string): Promise<{ orgId: string; adminKey: string }>;
  close(): Promise<void>;
}

/**
 * The real integration-settings app on a free port, with a fresh database, a
 * fresh RabbitMQ vhost and the Front sandbox, plus an org with an admin and a
 * member key.
 */
export async function startSettingsHarness(options: { env?: NodeJS.ProcessEnv } = {}): Promise<SettingsHarness> {
  const [database, broker, sandbox] = await Promise.all([
    createTestDatabase('settings'),
    createTestBroker('settings'),
    startFrontSandbox({ seed: 'default' }),
  ]);
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: database.url,
    AMQP_URL: broker.url,
    FRONT_API_URL: sandbox.url,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PUBLIC_BASE_URL: 'http://127.0.0.1:3001',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const app = await createServiceApp(SettingsAppModule.forRoot(loadConfig(SettingsConfig, env)), {
    configure: async (nest) => {
      connectAmqpTransport(nest);
      await serveDashboardAndDocs(nest);
    },
  });
  const port = await listenServiceApp(app, 0);
  const orgs = app.get(OrganizationService);
  const { orgId, adminKey } = await orgs.createOrganization('Acme');
  const { key: memberKey } = await orgs.createKey(orgId, 'member');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    env,
    adminKey,
    memberKey,
    orgId,
    sandbox,
    createOrg: (name) => orgs.createOrganization(name),
    close: async () => {
      await app.close();
      await sandbox.close();
      await Promise.all([database.drop(), broker.drop()]);
    },
  };
}

/** fetch against the harness with a key; returns status and parsed JSON. */
export async function callApi(
  harness: Pick<SettingsHarness, 'baseUrl'>,
  key: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${harness.baseUrl}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
