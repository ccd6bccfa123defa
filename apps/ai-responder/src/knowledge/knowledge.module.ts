import { Module } from '@nestjs/common';
import { FrontAccessService } from '../front/front-access.service';
import { IntegrationStateHandler } from '../integrations/integration-state.handler';
import { IntegrationStateRepository } from '../integrations/integration-state.repository';
import { IntegrationStateService } from '../integrations/integration-state.service';
import { RetrievalRepository } from '../retrieval/retrieval.repository';
import { RetrievalService } from '../retrieval/retrieval.service';
import { VectorSearchSupport } from '../retrieval/vector-search-support';
import { KnowledgeReadiness } from './knowledge-readiness.service';
import { KnowledgeOverviewService } from './knowledge-overview.service';
import { KnowledgeSyncRunsRepository } from './knowledge-sync-runs.repository';
import { KnowledgeSyncStatusPublisher } from './knowledge-sync-status';
import { KnowledgeSyncRunner } from './knowledge-sync.runner';
import { KnowledgeSyncService } from './knowledge-sync.service';
import { KnowledgeHandler } from './knowledge.handler';
import { KnowledgeRepository } from './knowledge.repository';

/** Integration state, knowledge sync and retrieval. */
@Module({
  controllers: [IntegrationStateHandler, KnowledgeHandler],
  providers: [
    FrontAccessService,
    IntegrationStateRepository,
    IntegrationStateService,
    KnowledgeRepository,
    KnowledgeSyncRunsRepository,
    KnowledgeSyncService,
    KnowledgeSyncStatusPublisher,
    KnowledgeSyncRunner,
    KnowledgeOverviewService,
    KnowledgeReadiness,
    RetrievalRepository,
    RetrievalService,
    VectorSearchSupport,
  ],
  exports: [FrontAccessService, IntegrationStateRepository, KnowledgeReadiness, RetrievalService],
})
export class KnowledgeModule {}
