import { DynamicModule, Module } from '@nestjs/common';
import { BrokerHealth, createMessagingTablesMigration, MessagingModule } from '@front-agent/messaging';
import { DatabaseModule, databaseReadiness, SecretBox, ServiceCoreModule } from '@front-agent/service-kit';
import { ResponderConfig, RESPONDER_SCHEMA } from './config';

export const SERVICE_NAME = 'ai-responder';

/** ai-responder: see DESIGN.md. */
@Module({})
export class ResponderAppModule {
  static forRoot(config: ResponderConfig): DynamicModule {
    return {
      module: ResponderAppModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: SERVICE_NAME,
          logLevel: config.LOG_LEVEL,
          readiness: [
            databaseReadiness,
            { name: 'broker', inject: BrokerHealth, isUp: (broker: BrokerHealth) => broker.isBrokerConnected() },
          ],
        }),
        DatabaseModule.forService({
          url: config.DATABASE_URL,
          schema: RESPONDER_SCHEMA,
          entities: [],
          migrations: [createMessagingTablesMigration(RESPONDER_SCHEMA, 1764000000001)],
        }),
        MessagingModule.forRoot({ serviceName: SERVICE_NAME, url: config.AMQP_URL, schema: RESPONDER_SCHEMA }),
      ],
      providers: [
        { provide: ResponderConfig, useValue: config },
        { provide: SecretBox, useValue: SecretBox.fromEnv(config) },
      ],
    };
  }
}
