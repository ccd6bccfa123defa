import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxWriter } from '@front-agent/messaging';
import { SecretBox } from '@front-agent/service-kit';
import type { Principal } from '../auth/api-key.service';
import { AuditService } from '../audit/audit.service';
import { SettingsConfig } from '../config';
import { OrganizationRepository } from '../orgs/organization.repository';
import { FrontConnectionService } from './front-connection.service';
import { FrontIntegrationEntity } from './front-integration.entity';
import { FrontIntegrationRepository } from './front-integration.repository';
import { IntegrationChange, IntegrationEvents } from './integration-events';
import { IntegrationNotConnectedError } from './integration.errors';
import { integrationView, IntegrationView } from './integration-view';

@Injectable()
export class IntegrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly integrations: FrontIntegrationRepository,
    private readonly orgs: OrganizationRepository,
    private readonly front: FrontConnectionService,
    private readonly events: IntegrationEvents,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    @Inject(SettingsConfig) private readonly config: SettingsConfig,
  ) {}

  /** Validates the token with Front, stores it sealed and announces the connection. */
  async connect(principal: Principal, apiToken: string): Promise<IntegrationView> {
    const company = await this.front.validateToken(apiToken);
    const saved = await this.dataSource.transaction(async (manager) => {
      const existing = await this.integrations.lockIntegrationOfOrg(principal.orgId, manager);
      const reconnecting = existing?.connected === true;
      const integration =
        existing ??
        this.integrations.create({ id: `int_${randomBytes(8).toString('hex')}`, orgId: principal.orgId, revision: 0, controls: {} });
      Object.assign(integration, {
        connected: true,
        apiToken: this.secrets.seal(apiToken),
        frontCompanyId: company.companyId,
        frontCompanyName: company.companyName,
        // Front reports the company's budget on every answer; the services share it (default 50, the smallest plan).
        rateLimitPerMinute: company.rateLimitPerMinute ?? existing?.rateLimitPerMinute ?? 50,
        // A fresh key on every new connection: the URL of a disconnected integration stays dead.
        webhookKey: reconnecting ? integration.webhookKey : randomBytes(24).toString('base64url'),
        enabled: existing?.enabled ?? true,
        handleUnassigned: existing?.handleUnassigned ?? false,
        lastValidatedAt: new Date(),
        lastValidationResult: 'ok',
        disconnectedAt: null,
      });
      if (existing && existing.frontCompanyId !== company.companyId) integration.aiTeammateId = null;
      await this.orgs.setTicketingSystem(principal.orgId, 'front');
      return this.commitChange(manager, integration, 'connected', principal, {
        frontCompanyId: company.companyId,
        apiToken: 'set',
      });
    });
    return integrationView(saved, this.config.PUBLIC_BASE_URL);
  }

  async getIntegration(principal: Principal): Promise<IntegrationView> {
    return integrationView(await this.requireConnected(principal.orgId), this.config.PUBLIC_BASE_URL);
  }

  /** Re-validates the stored token with Front and records the result. */
  async recheckCredentials(principal: Principal): Promise<FrontIntegrationEntity> {
    const integration = await this.requireConnected(principal.orgId);
    const checked = await this.front
      .validateToken(this.secrets.open(integration.apiToken!))
      .then((company) => ({ result: 'ok', rateLimitPerMinute: company.rateLimitPerMinute }))
      .catch((error: { code?: string }) => ({ result: error.code ?? 'front_unreachable', rateLimitPerMinute: undefined }));
    integration.lastValidatedAt = new Date();
    integration.lastValidationResult = checked.result;
    integration.rateLimitPerMinute = checked.rateLimitPerMinute ?? integration.rateLimitPerMinute;
    await this.dataSource.getRepository(FrontIntegrationEntity).update(
      { id: integration.id, orgId: principal.orgId },
      { lastValidatedAt: integration.lastValidatedAt, lastValidationResult: checked.result, rateLimitPerMinute: integration.rateLimitPerMinute },
    );
    return integration;
  }

  /** Deletes the stored credentials and stops webhook processing at once; sessions stay readable. */
  async disconnect(principal: Principal): Promise<IntegrationView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const integration = await this.integrations.lockIntegrationOfOrg(principal.orgId, manager);
      if (!integration?.connected) throw new IntegrationNotConnectedError();
      Object.assign(integration, {
        connected: false,
        apiToken: null,
        webhookSecret: null,
        ruleWebhookSecret: null,
        disconnectedAt: new Date(),
      });
      await this.orgs.setTicketingSystem(principal.orgId, 'builtin');
      return this.commitChange(manager, integration, 'disconnected', principal, { apiToken: 'deleted', webhookSecret: 'deleted' });
    });
    return integrationView(saved, this.config.PUBLIC_BASE_URL);
  }

  async requireConnected(orgId: string, manager?: EntityManager): Promise<FrontIntegrationEntity> {
    const integration = await this.integrations.findIntegrationOfOrg(orgId, manager);
    if (!integration?.connected) throw new IntegrationNotConnectedError();
    return integration;
  }

  /** Saves a change, audits it and queues its `integration.*` message in the same transaction. */
  async commitChange(
    manager: EntityManager,
    integration: FrontIntegrationEntity,
    change: IntegrationChange,
    principal: Principal,
    audited: Record<string, unknown>,
  ): Promise<FrontIntegrationEntity> {
    integration.revision += 1;
    const saved = await this.integrations.save(integration, manager);
    await this.audit.record(principal.orgId, principal.keyId, `integration.${change}`, audited, manager);
    await this.outbox.enqueue(manager, this.events.routingKeyOf(change), this.events.changed(saved, change));
    return saved;
  }
}
