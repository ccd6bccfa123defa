import { DynamicModule, Module } from '@nestjs/common';
import { brokerReadiness, MessagingModule } from '@front-agent/messaging';
import { databaseReadiness, SecretBox, ServiceCoreModule } from '@front-agent/service-kit';
import { SyncConfig, SYNC_SCHEMA } from './config';
import { syncDatabase } from './persistence';
import { FrontClients } from './front/front-clients.service';
import { FrontEventHydrator } from './front/front-event-hydrator.service';
import { IntegrationProjectionService } from './integrations/integration-projection.service';
import { IntegrationStateRepository } from './integrations/integration-state.repository';
import { AiOutcomeService } from './sessions/ai-outcome.service';
import { FrontEventApplier } from './sessions/front-event-applier.service';
import { ReplyRequestFactory } from './sessions/reply-request.factory';
import { SessionQueryService } from './sessions/session-query.service';
import { EventApplicationRepository } from './sessions/event-application.repository';
import { SessionRepository } from './sessions/session.repository';
import { SessionsRpcHandler } from './sessions/sessions-rpc.handler';
import { SyncEventsHandler } from './sessions/sync-events.handler';
import { TranscriptRepository } from './transcript/transcript.repository';
import { GapReconciler } from './reconciler/gap-reconciler.service';
import { AnalyticsRepository } from './analytics/analytics.repository';
import { AnalyticsRpcHandler } from './analytics/analytics-rpc.handler';
import { AnalyticsService } from './analytics/analytics.service';
import { ReplyLatencyService } from './outcomes/reply-latency.service';
import { OutcomeReviewService } from './outcomes/outcome-review.service';
import { SessionOutcomeService } from './outcomes/session-outcome.service';
import { CopilotDraftRepository } from './copilot/copilot-draft.repository';
import { DraftFateHandler } from './copilot/draft-fate.handler';
import { DraftFateService } from './copilot/draft-fate.service';

export const SERVICE_NAME = 'conversation-sync';

/** Events of one conversation are applied in the order they arrived (the replay still orders late ones). */
function conversationOf(_routingKey: string, message: Record<string, unknown>): string | undefined {
  return typeof message.conversationId === 'string' ? `${String(message.orgId)}:${message.conversationId}` : undefined;
}

/** conversation-sync: see DESIGN.md. */
@Module({})
export class SyncAppModule {
  static forRoot(config: SyncConfig): DynamicModule {
    return {
      module: SyncAppModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: SERVICE_NAME,
          logLevel: config.LOG_LEVEL,
          readiness: [
            databaseReadiness,
            brokerReadiness,
          ],
        }),
        syncDatabase(config.DATABASE_URL),
        MessagingModule.forRoot({
          serviceName: SERVICE_NAME,
          url: config.AMQP_URL,
          schema: SYNC_SCHEMA,
          consumer: { maxAttempts: config.EVENT_MAX_ATTEMPTS, orderingKey: conversationOf },
        }),
      ],
      controllers: [SyncEventsHandler, SessionsRpcHandler, AnalyticsRpcHandler, DraftFateHandler],
      providers: [
        { provide: SyncConfig, useValue: config },
        { provide: SecretBox, useValue: SecretBox.fromEnv(config) },
        IntegrationStateRepository,
        IntegrationProjectionService,
        SessionRepository,
        EventApplicationRepository,
        TranscriptRepository,
        FrontClients,
        FrontEventHydrator,
        ReplyRequestFactory,
        FrontEventApplier,
        AiOutcomeService,
        SessionQueryService,
        GapReconciler,
        SessionOutcomeService,
        OutcomeReviewService,
        AnalyticsRepository,
        ReplyLatencyService,
        AnalyticsService,
        CopilotDraftRepository,
        DraftFateService,
      ],
    };
  }
}
