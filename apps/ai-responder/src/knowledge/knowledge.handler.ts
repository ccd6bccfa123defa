import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import type { KnowledgeOverviewRequestV1, KnowledgeOverviewV1, KnowledgeSyncRequestedV1 } from '@front-agent/contracts';
import { TransactionScope } from '@front-agent/messaging';
import { DataSource } from 'typeorm';
import { KnowledgeSyncRunsRepository } from './knowledge-sync-runs.repository';
import { KnowledgeOverviewService } from './knowledge-overview.service';

/** Sync on demand, and the knowledge overview RPC. */
@Controller()
export class KnowledgeHandler {
  constructor(
    private readonly runs: KnowledgeSyncRunsRepository,
    private readonly overview: KnowledgeOverviewService,
    private readonly scope: TransactionScope,
    private readonly db: DataSource,
  ) {}

  @EventPattern('knowledge.sync-requested')
  onSyncRequested(@Payload() request: KnowledgeSyncRequestedV1): Promise<void> {
    return this.runs.requestRun(this.scope.managerOr(this.db.manager), {
      orgId: request.orgId,
      integrationId: request.integrationId,
      trigger: request.trigger,
      knowledgeBaseIds: request.knowledgeBaseIds,
      since: request.since,
    });
  }

  @MessagePattern('rpc.responder.knowledge-overview')
  knowledgeOverview(@Payload() request: KnowledgeOverviewRequestV1): Promise<KnowledgeOverviewV1> {
    return this.overview.describeKnowledge(request.orgId, request.integrationId);
  }
}
