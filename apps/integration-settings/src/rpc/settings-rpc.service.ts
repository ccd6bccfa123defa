import { Injectable } from '@nestjs/common';
import type { FrontCredentialsV1, ResolveWebhookKeyResponseV1 } from '@front-agent/contracts';
import { FrontIntegrationRepository } from '../integration/front-integration.repository';
import { IntegrationEvents } from '../integration/integration-events';

/** Answers for the other services; secrets leave only sealed. */
@Injectable()
export class SettingsRpcService {
  constructor(
    private readonly integrations: FrontIntegrationRepository,
    private readonly events: IntegrationEvents,
  ) {}

  async resolveWebhookKey(webhookKey: string): Promise<ResolveWebhookKeyResponseV1> {
    const integration = await this.integrations.findConnectedIntegrationByWebhookKey(webhookKey);
    return integration ? { found: true, integration: this.events.changed(integration, 'updated') } : { found: false };
  }

  /** The integration's state, connected or not (a disconnected one answers connected: false). */
  async getIntegrationState(orgId: string, integrationId: string): Promise<ResolveWebhookKeyResponseV1> {
    const integration = await this.integrations.findIntegrationOfOrg(orgId);
    if (!integration || integration.id !== integrationId) return { found: false };
    return { found: true, integration: this.events.changed(integration, integration.connected ? 'updated' : 'disconnected') };
  }

  async getFrontCredentials(orgId: string, integrationId: string): Promise<FrontCredentialsV1> {
    const integration = await this.integrations.findConnectedIntegration(orgId, integrationId);
    if (!integration?.apiToken) return { found: false };
    return {
      found: true,
      apiToken: integration.apiToken,
      frontCompanyId: integration.frontCompanyId ?? undefined,
      aiTeammateId: integration.aiTeammateId,
      rateLimitPerMinute: integration.rateLimitPerMinute,
    };
  }
}
