import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IntegrationChangedV1 } from '@front-agent/contracts';
import { FrontAccessService } from '../front/front-access.service';
import { KnowledgeSyncRunsRepository } from '../knowledge/knowledge-sync-runs.repository';
import { readControls, selectionChanged } from './integration-state';
import { IntegrationStateRepository } from './integration-state.repository';

/** Keeps the integration's state from integration.* events and starts the syncs they call for. */
@Injectable()
export class IntegrationStateService {
  constructor(
    private readonly integrations: IntegrationStateRepository,
    private readonly runs: KnowledgeSyncRunsRepository,
    private readonly front: FrontAccessService,
  ) {}

  /** Applies an event (older revisions are ignored); syncs on connect and when the knowledge selection changes. */
  async applyIntegrationChange(manager: EntityManager, event: IntegrationChangedV1): Promise<void> {
    const before = await this.integrations.findIntegration(event.orgId, event.integrationId, manager);
    const controls = readControls(event.controls);
    const applied = await this.integrations.saveIfNewer(manager, {
      orgId: event.orgId,
      integrationId: event.integrationId,
      connected: event.connected,
      enabled: event.enabled,
      aiTeammateId: event.aiTeammateId ?? null,
      frontCompanyId: event.frontCompanyId ?? null,
      controls,
      revision: event.revision ?? 0,
    });
    if (!applied) return;
    this.front.forget(event.orgId, event.integrationId);
    if (!event.connected) return;
    const reconnected = event.change === 'connected' || (before !== null && !before.connected);
    const trigger = reconnected ? 'connect' : before && selectionChanged(before.controls.selectedKnowledgeBaseIds, controls.selectedKnowledgeBaseIds) ? 'selection' : null;
    if (before === null && trigger === null) {
      // First time we hear of an integration that is already connected (e.g. a fresh responder database).
      await this.runs.requestRun(manager, { orgId: event.orgId, integrationId: event.integrationId, trigger: 'connect' });
    } else if (trigger) {
      await this.runs.requestRun(manager, { orgId: event.orgId, integrationId: event.integrationId, trigger });
    }
  }
}
