import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { IntegrationChangedV1 } from '@front-agent/contracts';
import type { FrontIntegrationEntity } from './front-integration.entity';
import { DEFAULT_CONTROLS } from './integration-view';

export type IntegrationChange = IntegrationChangedV1['change'];

/** Builds the `integration.*` message for an integration's state; secrets stay sealed. */
@Injectable()
export class IntegrationEvents {
  changed(integration: FrontIntegrationEntity, change: IntegrationChange, correlationId = randomUUID()): IntegrationChangedV1 {
    return {
      messageId: `${integration.id}:r${integration.revision}`,
      orgId: integration.orgId,
      correlationId,
      occurredAt: new Date().toISOString(),
      version: 1,
      integrationId: integration.id,
      change,
      connected: integration.connected,
      enabled: integration.enabled,
      handleUnassigned: integration.handleUnassigned,
      aiTeammateId: integration.aiTeammateId,
      frontCompanyId: integration.frontCompanyId ?? undefined,
      webhook: {
        webhookKey: integration.webhookKey,
        appSecret: integration.webhookSecret ?? undefined,
        ruleSecret: integration.ruleWebhookSecret ?? undefined,
      },
      controls: { ...DEFAULT_CONTROLS, ...integration.controls },
      revision: integration.revision,
    };
  }

  routingKeyOf(change: IntegrationChange): string {
    return `integration.${change}`;
  }
}
