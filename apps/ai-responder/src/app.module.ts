import { DynamicModule, Module } from '@nestjs/common';
import { brokerReadiness, MessagingModule } from '@front-agent/messaging';
import { databaseReadiness, SecretBox, ServiceCoreModule } from '@front-agent/service-kit';
import { ResponderConfig, RESPONDER_PREFETCH, RESPONDER_SCHEMA } from './config';
import { AnsweringModule } from './answering/answering.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { responderDatabase } from './persistence';

export const SERVICE_NAME = 'ai-responder';

/** ai-responder: see DESIGN.md. */
@Module({})
export class ResponderAppModule {
  static forRoot(config: ResponderConfig): DynamicModule {
    return {
      module: ResponderAppModule,
      global: true,
      imports: [
        ServiceCoreModule.forRoot({
          service: SERVICE_NAME,
          logLevel: config.LOG_LEVEL,
          readiness: [
            databaseReadiness,
            brokerReadiness,
          ],
        }),
        responderDatabase(config.DATABASE_URL),
        MessagingModule.forRoot({
          serviceName: SERVICE_NAME,
          url: config.AMQP_URL,
          schema: RESPONDER_SCHEMA,
          // Copilot draft checks now come from conversation-sync: queues declared earlier still bind Front events.
          consumer: { prefetch: RESPONDER_PREFETCH, retiredPatterns: ['front.*'] },
        }),
        KnowledgeModule,
        AnsweringModule,
      ],
      providers: [
        { provide: ResponderConfig, useValue: config },
        { provide: SecretBox, useValue: SecretBox.fromEnv(config) },
      ],
      exports: [ResponderConfig, SecretBox],
    };
  }
}
