import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { newEnvelope, type FrontCredentialsV1 } from '@front-agent/contracts';
import { FrontClient, FrontRateLimits } from '@front-agent/front-client';
import { RpcClient } from '@front-agent/messaging';
import { SecretBox } from '@front-agent/service-kit';
import { SyncConfig } from '../config';

const CLIENT_TTL_MS = 60_000;

export class IntegrationCredentialsMissingError extends Error {
  readonly code = 'credentials_missing';
}

/**
 * A FrontClient per integration: the token comes sealed from
 * integration-settings over RPC, and every call spends the company's budget,
 * shared in Postgres with every other service and replica.
 */
@Injectable()
export class FrontClients implements OnModuleDestroy {
  private readonly clients = new Map<string, { client: FrontClient; expiresAt: number }>();
  private readonly pool: Pool;
  private limits?: Promise<FrontRateLimits>;

  constructor(
    private readonly rpc: RpcClient,
    private readonly secrets: SecretBox,
    @Inject(SyncConfig) private readonly config: SyncConfig,
  ) {
    this.pool = new Pool({ connectionString: config.DATABASE_URL, max: 2 });
    this.pool.on('error', () => undefined); // an idle client lost in a database restart: the pool drops it and reconnects; unhandled, it kills the process
  }

  async forIntegration(orgId: string, integrationId: string): Promise<FrontClient> {
    const cached = this.clients.get(integrationId);
    if (cached && cached.expiresAt > Date.now()) return cached.client;
    const credentials = await this.rpc.request<FrontCredentialsV1>(
      'rpc.settings.get-front-credentials',
      { ...newEnvelope(orgId), version: 1, integrationId },
      { timeoutMs: 5_000 },
    );
    if (!credentials.found || !credentials.apiToken || !credentials.frontCompanyId) {
      throw new IntegrationCredentialsMissingError(`integration ${integrationId} has no Front credentials`);
    }
    this.limits ??= FrontRateLimits.postgres({ pool: this.pool });
    const budget = (await this.limits).forCompany(credentials.frontCompanyId, { requestsPerMinute: credentials.rateLimitPerMinute ?? 50 });
    const client = new FrontClient({ token: this.secrets.open(credentials.apiToken), baseUrl: this.config.FRONT_API_URL, budget });
    this.clients.set(integrationId, { client, expiresAt: Date.now() + CLIENT_TTL_MS });
    return client;
  }

  /** Drops a cached client (the integration changed). */
  forget(integrationId: string): void {
    this.clients.delete(integrationId);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
