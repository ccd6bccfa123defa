import { randomBytes } from 'node:crypto';
import { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectAmqpTransport } from '@front-agent/messaging';
import { createServiceApp, listenServiceApp, loadConfig } from '@front-agent/service-kit';
import { createTestBroker, createTestDatabase, startFrontSandbox, type FrontSandbox } from '@front-agent/testing';
import { ResponderAppModule } from '../../apps/ai-responder/src/app.module';
import { ResponderConfig } from '../../apps/ai-responder/src/config';
import { SyncAppModule } from '../../apps/conversation-sync/src/app.module';
import { SyncConfig } from '../../apps/conversation-sync/src/config';
import { SettingsAppModule } from '../../apps/integration-settings/src/app.module';
import { SettingsConfig } from '../../apps/integration-settings/src/config';
import { OrganizationService } from '../../apps/integration-settings/src/orgs/organization.service';
import { IngressAppModule } from '../../apps/webhook-ingress/src/app.module';
import { IngressConfig, WEBHOOK_BODY_LIMIT_BYTES } from '../../apps/webhook-ingress/src/config';
import { registerWebhookRoute } from '../../apps/webhook-ingress/src/webhooks/webhook.route';

export type ServiceName = 'integration-settings' | 'webhook-ingress' | 'conversation-sync' | 'ai-responder';

interface RunningService {
  app: NestFastifyApplication;
  url: string;
}

const BUILDERS: Record<ServiceName, (env: NodeJS.ProcessEnv) => DynamicModule> = {
  'integration-settings': (env) => SettingsAppModule.forRoot(loadConfig(SettingsConfig, env)),
  'webhook-ingress': (env) => IngressAppModule.forRoot(loadConfig(IngressConfig, env)),
  'conversation-sync': (env) => SyncAppModule.forRoot(loadConfig(SyncConfig, env)),
  'ai-responder': (env) => ResponderAppModule.forRoot(loadConfig(ResponderConfig, env)),
};

/**
 * Several real services in this test process, sharing a fresh database, a
 * fresh RabbitMQ vhost and the Front sandbox, as `npm start` runs them.
 */
export class SystemHarness {
  readonly services = new Map<ServiceName, RunningService[]>();

  private constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly sandbox: FrontSandbox,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async start(label: string, env: NodeJS.ProcessEnv = {}): Promise<SystemHarness> {
    const [database, broker, sandbox] = await Promise.all([
      createTestDatabase(label),
      createTestBroker(label),
      startFrontSandbox({ seed: 'default' }),
    ]);
    const fullEnv: NodeJS.ProcessEnv = {
      DATABASE_URL: database.url,
      AMQP_URL: broker.url,
      FRONT_API_URL: sandbox.url,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      ...env,
    };
    return new SystemHarness(fullEnv, sandbox, async () => {
      await sandbox.close();
      await Promise.all([database.drop(), broker.drop()]);
    });
  }

  /** Starts one more replica of a service; returns its base URL. */
  async startService(name: ServiceName, env: NodeJS.ProcessEnv = {}): Promise<RunningService> {
    const merged = { ...this.env, ...env };
    if (name === 'integration-settings') merged.PUBLIC_BASE_URL ??= this.urlOf('webhook-ingress') ?? 'http://127.0.0.1:3001';
    const app = await createServiceApp(BUILDERS[name](merged), {
      bodyLimit: name === 'webhook-ingress' ? WEBHOOK_BODY_LIMIT_BYTES : undefined,
      configure: (nest) => {
        connectAmqpTransport(nest);
        if (name === 'webhook-ingress') registerWebhookRoute(nest, WEBHOOK_BODY_LIMIT_BYTES);
      },
    });
    const port = await listenServiceApp(app, 0);
    const running = { app, url: `http://127.0.0.1:${port}` };
    this.services.set(name, [...(this.services.get(name) ?? []), running]);
    return running;
  }

  urlOf(name: ServiceName): string | undefined {
    return this.services.get(name)?.[0]?.url;
  }

  appOf(name: ServiceName): NestFastifyApplication {
    const app = this.services.get(name)?.[0]?.app;
    if (!app) throw new Error(`${name} is not running`);
    return app;
  }

  /** An organisation and its admin key, created through the settings service. */
  createOrg(name = 'Acme'): Promise<{ orgId: string; adminKey: string }> {
    return this.appOf('integration-settings').get(OrganizationService).createOrganization(name);
  }

  /** Calls the settings API. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async api(key: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.urlOf('integration-settings')}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /**
   * Connects Front with the sandbox token, picks the AI teammate, sets the
   * signing secrets and points the sandbox's webhooks at the ingress.
   */
  async connectFront(
    adminKey: string,
    options: { format?: 'application' | 'rule'; settings?: Record<string, unknown>; signed?: boolean } = {},
  ): Promise<{ webhookUrl: string; integrationId: string }> {
    const state = this.sandbox.control.state();
    const connected = await this.api(adminKey, 'POST', '/v1/integrations/front/connect', { apiToken: 'sandbox-token' });
    if (connected.status !== 200) throw new Error(`connect failed: ${JSON.stringify(connected.body)}`);
    const signed = options.signed ?? true;
    const patch = await this.api(adminKey, 'PATCH', '/v1/integrations/front', {
      aiTeammateId: 'tea_ai',
      ...(signed ? { webhookSecret: state.secrets.appSecret, ruleWebhookSecret: state.secrets.companyApiSecret } : {}),
      ...options.settings,
    });
    if (patch.status !== 200) throw new Error(`update failed: ${JSON.stringify(patch.body)}`);
    const webhookUrl: string = patch.body.webhookUrl;
    this.sandbox.control.configureWebhook({ url: webhookUrl, format: options.format ?? 'application' });
    return { webhookUrl, integrationId: patch.body.id };
  }

  async stop(): Promise<void> {
    for (const replicas of [...this.services.values()].reverse()) {
      for (const { app } of replicas) await app.close();
    }
    this.services.clear();
    await this.cleanup();
  }
}
