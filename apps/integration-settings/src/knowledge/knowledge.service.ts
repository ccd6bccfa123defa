import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newEnvelope, type KnowledgeOverviewV1, type KnowledgeSyncRequestedV1 } from '@front-agent/contracts';
import { OutboxWriter, RpcClient } from '@front-agent/messaging';
import type { Principal } from '../auth/api-key.service';
import { AuditService } from '../audit/audit.service';
import { IntegrationService } from '../integration/integration.service';
import { AppError } from '../errors/app-errors';

class KnowledgeUnavailableError extends AppError {
  readonly code = 'knowledge_unavailable';
  readonly status = 503;
  constructor() {
    super('ai-responder did not answer; the knowledge overview is unavailable right now');
  }
}

/** Asks ai-responder (which owns the knowledge index) to sync, and reads its overview. */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly integrations: IntegrationService,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditService,
    private readonly rpc: RpcClient,
  ) {}

  async requestSync(principal: Principal): Promise<{ state: 'requested'; requestId: string }> {
    const integration = await this.integrations.requireConnected(principal.orgId);
    const request: KnowledgeSyncRequestedV1 = {
      ...newEnvelope(principal.orgId),
      version: 1,
      integrationId: integration.id,
      trigger: 'manual',
      knowledgeBaseIds: integration.controls.selectedKnowledgeBaseIds ?? null,
    };
    await this.dataSource.transaction(async (manager) => {
      await this.outbox.enqueue(manager, 'knowledge.sync-requested', request);
      await this.audit.record(principal.orgId, principal.keyId, 'knowledge.sync-requested', {}, manager);
    });
    return { state: 'requested', requestId: request.messageId };
  }

  async overview(principal: Principal): Promise<KnowledgeOverviewV1> {
    const integration = await this.integrations.requireConnected(principal.orgId);
    return this.rpc
      .request<KnowledgeOverviewV1>('rpc.responder.knowledge-overview', { ...newEnvelope(principal.orgId), version: 1, integrationId: integration.id }, { timeoutMs: 3_000 })
      .catch(() => {
        throw new KnowledgeUnavailableError();
      });
  }
}
