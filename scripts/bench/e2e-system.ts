/**
 * The whole pipeline as separate processes, for bench:e2e and test:chaos:
 * a fresh database and vhost, the Front sandbox and the fake LLM in this
 * process, the four services as child processes (optionally several replicas,
 * optionally each behind its own TCP proxies to RabbitMQ and PostgreSQL so a
 * "broker restart" or "database restart" can be simulated per service without
 * touching the machine's shared servers). Each process' stdout and stderr go
 * to a log file so a run can be grepped afterwards.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestBroker,
  createTestDatabase,
  startFakeLlm,
  startFrontSandbox,
  startTcpProxy,
  type FakeLlm,
  type FrontSandbox,
  type TcpProxy,
  type TestBroker,
  type TestDatabase,
} from '@front-agent/testing';
import { sleep, waitFor } from './bench-helpers';
import { freePort } from './bench-processes';
import { ServiceProcess, type ServiceName } from './service-process';

export interface SystemOptions {
  label: string;
  llmLatencyMs?: number;
  /** Replicas of conversation-sync and ai-responder (default 1). */
  replicas?: number;
  /** Put every service behind its own TCP proxies to RabbitMQ and PostgreSQL. */
  proxies?: boolean;
  /** Where to write each service's log; no logs when unset. */
  logDir?: string;
  logLevel?: string;
  /** Extra env per service. */
  env?: Partial<Record<ServiceName, NodeJS.ProcessEnv>>;
  /** Front's budget per minute, set before connect so the integration learns it. */
  rateLimitPerMinute?: number;
  /** API token to connect with (default: a fresh random one). */
  apiToken?: string;
  /** Application webhook signing secret (default: a fresh random one). */
  appSecret?: string;
}

const running = new Set<ServiceProcess>();
/** Database and vhost of each live system, dropped on Ctrl-C or SIGTERM. */
const stores = new Set<() => Promise<void>>();
let exitHookInstalled = false;
/** Children die with this script, also on Ctrl-C or a timeout's SIGTERM. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const service of running) service.killNow();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      // Drop the run's database and vhost too, within a few seconds.
      const drops = [...stores].map((drop) => drop().catch(() => undefined));
      void Promise.race([Promise.all(drops), sleep(5_000)]).finally(() => process.exit(130));
    });
  }
}

export class E2eSystem {
  readonly services: ServiceProcess[] = [];
  adminKey = '';
  orgId = '';
  webhookUrl = '';
  /** Every API response body this run received, for the leak check. */
  readonly apiResponses: string[] = [];
  private dropStores: () => Promise<void> = async () => undefined;

  private constructor(
    readonly options: SystemOptions,
    readonly database: TestDatabase,
    readonly broker: TestBroker,
    readonly sandbox: FrontSandbox,
    readonly llm: FakeLlm,
    readonly env: NodeJS.ProcessEnv,
    readonly apiToken: string,
    readonly appSecret: string,
  ) {}

  static async start(options: SystemOptions): Promise<E2eSystem> {
    const [database, broker, sandbox, llm] = await Promise.all([
      createTestDatabase(options.label),
      createTestBroker(options.label),
      startFrontSandbox({ seed: 'default' }),
      startFakeLlm({ latencyMs: options.llmLatencyMs ?? 0 }),
    ]);
    const apiToken = options.apiToken ?? `fa-secret-token-${randomBytes(12).toString('hex')}`;
    const appSecret = options.appSecret ?? `fa-signing-secret-${randomBytes(12).toString('hex')}`;
    sandbox.control.createToken({ token: apiToken });
    if (options.rateLimitPerMinute) sandbox.control.setRateLimit({ enabled: true, perMinute: options.rateLimitPerMinute });
    const env: NodeJS.ProcessEnv = {
      DATABASE_URL: database.url,
      AMQP_URL: broker.url,
      FRONT_API_URL: sandbox.url,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: options.logLevel ?? 'warn',
      LLM_BASE_URL: llm.baseURL,
      LLM_MODEL: 'fake-model',
      LLM_API_KEY: 'fake-llm-key',
    };
    if (options.logDir) mkdirSync(options.logDir, { recursive: true });
    const system = new E2eSystem(options, database, broker, sandbox, llm, env, apiToken, appSecret);
    system.dropStores = () => Promise.all([database.drop(), broker.drop()]).then(() => undefined);
    stores.add(system.dropStores);
    try {
      await system.boot();
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  private async add(name: ServiceName, replica: number, extra: NodeJS.ProcessEnv): Promise<ServiceProcess> {
    const port = await freePort();
    let env: NodeJS.ProcessEnv = { ...this.env, ...(this.options.env?.[name] ?? {}), ...extra };
    let proxies: { amqp: TcpProxy; pg: TcpProxy } | undefined;
    if (this.options.proxies) {
      const amqpUrl = new URL(this.env.AMQP_URL!);
      const pgUrl = new URL(this.env.DATABASE_URL!);
      proxies = {
        amqp: await startTcpProxy({ host: amqpUrl.hostname, port: Number(amqpUrl.port || 5672) }),
        pg: await startTcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) }),
      };
      env = { ...env, AMQP_URL: proxies.amqp.urlThrough(this.env.AMQP_URL!), DATABASE_URL: proxies.pg.urlThrough(this.env.DATABASE_URL!) };
    }
    const logFile = this.options.logDir ? join(this.options.logDir, `${name}-${replica}.log`) : undefined;
    const service = new ServiceProcess(name, replica, port, env, logFile, proxies);
    installExitHook();
    running.add(service);
    this.services.push(service);
    return service;
  }

  private async boot(): Promise<void> {
    const replicas = this.options.replicas ?? 1;
    const ingress = await this.add('webhook-ingress', 1, {});
    const settings = await this.add('integration-settings', 1, { PUBLIC_BASE_URL: ingress.url });
    const workers: ServiceProcess[] = [];
    for (let replica = 1; replica <= replicas; replica += 1) {
      workers.push(await this.add('conversation-sync', replica, {}));
      workers.push(await this.add('ai-responder', replica, {}));
    }
    await ingress.start();
    await settings.start();
    await Promise.all(workers.map((worker) => worker.start()));
    await this.connect(settings.url);
  }

  of(name: ServiceName): ServiceProcess[] {
    return this.services.filter((service) => service.name === name);
  }

  get settingsUrl(): string {
    return this.of('integration-settings')[0].url;
  }

  /** Creates an org through the CLI (straight to the database, not through any proxy). */
  createOrg(name: string): { orgId: string; adminKey: string } {
    const cli = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/integration-settings/src/cli/main.ts', 'org:create', '--name', name], {
      env: { ...process.env, ...this.env },
      encoding: 'utf8',
    });
    if (cli.status !== 0) throw new Error(`org:create failed: ${cli.stderr}`);
    return JSON.parse(cli.stdout.trim().split('\n').pop()!) as { orgId: string; adminKey: string };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async api(key: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.settingsUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    this.apiResponses.push(text);
    return { status: response.status, body: parseJson(text) };
  }

  private async connect(settingsUrl: string): Promise<void> {
    void settingsUrl;
    ({ orgId: this.orgId, adminKey: this.adminKey } = this.createOrg('E2E'));
    const connected = await this.api(this.adminKey, 'POST', '/v1/integrations/front/connect', { apiToken: this.apiToken });
    if (connected.status !== 200) throw new Error(`connect: ${connected.status} ${JSON.stringify(connected.body)}`);
    const patch = await this.api(this.adminKey, 'PATCH', '/v1/integrations/front', { aiTeammateId: 'tea_ai', webhookSecret: this.appSecret });
    if (patch.status !== 200) throw new Error(`update: ${patch.status} ${JSON.stringify(patch.body)}`);
    this.webhookUrl = patch.body.webhookUrl;
    await waitFor(async () => (await this.api(this.adminKey, 'GET', '/v1/integrations/front/knowledge')).body?.sync?.state === 'succeeded', 60_000, 'knowledge sync');
    // Let the ingress learn the integration (events) before Front starts sending.
    await sleep(500);
  }

  /** Points the sandbox's webhooks at the ingress. */
  configureWebhook(extra: Record<string, unknown> = {}): void {
    this.sandbox.control.configureWebhook({ url: this.webhookUrl, format: 'application', appSecret: this.appSecret, ...extra });
  }

  async stop(): Promise<void> {
    for (const service of [...this.services].reverse()) {
      await service.close().catch(() => undefined);
      running.delete(service);
    }
    for (const service of this.services) {
      await service.proxies?.amqp.close();
      await service.proxies?.pg.close();
    }
    await this.sandbox.close().catch(() => undefined);
    await this.llm.close().catch(() => undefined);
    stores.delete(this.dropStores);
    await Promise.all([this.database.drop().catch(() => undefined), this.broker.drop().catch(() => undefined)]);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
