import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { newEnvelope, type IntegrationChangedV1, type ResolveWebhookKeyResponseV1 } from '@front-agent/contracts';
import { RpcClient } from '@front-agent/messaging';
import type { IntegrationFacts } from '../sessions/session-rules';
import type { IntegrationStateEntity } from './integration-state.entity';
import { IntegrationStateRepository } from './integration-state.repository';

const UNKNOWN: IntegrationFacts = { connected: false, enabled: false, handleUnassigned: false, aiTeammateId: null };

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

  /**
   * The facts for a decision, read under a share lock (or as `known` was just
   * read under one); asks integration-settings once if none is known yet.
   */
  async factsFor(manager: EntityManager, orgId: string, integrationId: string, known?: IntegrationStateEntity | null): Promise<IntegrationFacts> {
    let state = known !== undefined ? known : await this.states.findStateForShare(manager, orgId, integrationId);
    if (!state && (await this.learnFromSettings(orgId, integrationId))) {
      state = await this.states.findStateForShare(manager, orgId, integrationId);
    }
    if (!state) return UNKNOWN;
    return {
      connected: state.connected,
      enabled: state.enabled,
      handleUnassigned: state.handleUnassigned,
      aiTeammateId: state.aiTeammateId,
    };
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
