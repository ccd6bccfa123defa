import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { GetFrontCredentialsRpc, type FrontCredentialsV1, type GetFrontCredentialsRequestV1 } from '@front-agent/contracts';
import { FrontClient, FrontRateLimits, type FrontCompanyBudget } from '@front-agent/front-client';
import { RpcClient } from '@front-agent/messaging';
import { SecretBox } from '@front-agent/service-kit';
import { ResponderConfig, RESPONDER_SCHEMA } from '../config';

/** A Front client for one integration, with what the credentials said about it. */
export interface FrontAccess {
  client: FrontClient;
  /** The company's Front budget, shared with every other caller for this company. */
  budget: FrontCompanyBudget;
  frontCompanyId: string;
  aiTeammateId: string | null;
}

/** Thrown when integration-settings has no connected integration (disconnected, deleted). */
export class FrontCredentialsMissingError extends Error {
  readonly code = 'front_credentials_missing';
  constructor(integrationId: string) {
    super(`no Front credentials for integration ${integrationId}`);
    this.name = 'FrontCredentialsMissingError';
  }
}

const CACHE_MS = 60_000;

/**
 * Front clients built from integration-settings' credentials RPC. The token is
 * opened here and only handed to the client (never logged, never stored);
 * every client of a company shares its Postgres-backed budget.
 */
@Injectable()
export class FrontAccessService implements OnModuleDestroy {
  private readonly cache = new Map<string, { access: FrontAccess; until: number }>();
  private pool?: Pool;
  private limits?: Promise<FrontRateLimits>;

  constructor(
    private readonly config: ResponderConfig,
    private readonly rpc: RpcClient,
    private readonly secrets: SecretBox,
  ) {}

  async accessFor(orgId: string, integrationId: string): Promise<FrontAccess> {
    const key = `${orgId}/${integrationId}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.access;
    const request: GetFrontCredentialsRequestV1 = {
      messageId: randomUUID(),
      orgId,
      correlationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      version: 1,
      integrationId,
    };
    const credentials = await this.rpc.request<FrontCredentialsV1>(GetFrontCredentialsRpc.routingKey, request, { timeoutMs: 5_000 });
    if (!credentials.found || !credentials.apiToken || !credentials.frontCompanyId) throw new FrontCredentialsMissingError(integrationId);
    const limits = await this.rateLimits();
    const budget = limits.forCompany(credentials.frontCompanyId, { requestsPerMinute: credentials.rateLimitPerMinute ?? 50 });
    const client = new FrontClient({ token: this.secrets.open(credentials.apiToken), baseUrl: this.config.FRONT_API_URL, budget });
    const access = { client, budget, frontCompanyId: credentials.frontCompanyId, aiTeammateId: credentials.aiTeammateId ?? null };
    this.cache.set(key, { access, until: Date.now() + CACHE_MS });
    return access;
  }

  /** Drops a cached client (e.g. after a 401, or on disconnect). */
  forget(orgId: string, integrationId: string): void {
    this.cache.delete(`${orgId}/${integrationId}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
  }

  private rateLimits(): Promise<FrontRateLimits> {
    if (!this.limits) {
      this.pool = new Pool({ connectionString: this.config.DATABASE_URL, max: 4, application_name: 'front-agent-responder-budget' });
      this.pool.on('error', () => undefined); // an idle client lost in a database restart: the pool drops it and reconnects; unhandled, it kills the process
      this.limits = FrontRateLimits.postgres({ pool: this.pool, schemaName: RESPONDER_SCHEMA, tableName: 'front_rate_limits' });
      this.limits.catch(() => (this.limits = undefined));
    }
    return this.limits;
  }
}
