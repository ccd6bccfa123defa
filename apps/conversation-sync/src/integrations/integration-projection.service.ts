import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { newEnvelope, type IntegrationChangedV1, type ResolveWebhookKeyResponseV1 } from '@front-agent/contracts';
import { RpcClient } from '@front-agent/messaging';
import { IntegrationStateRepository } from './integration-state.repository';


/** The integration settings conversation-sync decides with, kept from `integration.*` events. */
@Injectable()
export class IntegrationProjectionService {
  private readonly logger = new Logger(IntegrationProjectionService.name);

  constructor(
    private readonly states: IntegrationStateRepository,
    private readonly rpc: RpcClient,
    private readonly dataSource: DataSource,
  ) {}

  apply(manager: EntityManager, event: IntegrationChangedV1): Promise<void> {
    return this.states.upsertIfNewer(manager, event);
  }

  /** For an integration whose events this service missed (it started after the connect): true once its state is stored. */
  async learnFromSettings(orgId: string, integrationId: string): Promise<boolean> {
    try {
      const answer = await this.rpc.request<ResolveWebhookKeyResponseV1>(
        'rpc.settings.get-integration-state',
        { ...newEnvelope(orgId), version: 1, integrationId },
        { timeoutMs: 3_000 },
      );
      if (!answer.found || !answer.integration) return false;
      await this.dataSource.transaction((manager) => this.states.upsertIfNewer(manager, answer.integration as IntegrationChangedV1));
      return true;
    } catch (error) {
      this.logger.warn({ msg: 'integration state not available from settings', integrationId, reason: (error as Error).message });
      return false;
    }
  }
}
