import { DynamicModule, Module } from '@nestjs/common';
import { BrokerHealth, createMessagingTablesMigration, MessagingModule } from '@front-agent/messaging';
import { DatabaseModule, databaseReadiness, SecretBox, ServiceCoreModule } from '@front-agent/service-kit';
import { SyncConfig, SYNC_SCHEMA } from './config';

export const SERVICE_NAME = 'conversation-sync';

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
            { name: 'broker', inject: BrokerHealth, isUp: (broker: BrokerHealth) => broker.isBrokerConnected() },
          ],
        }),
        DatabaseModule.forService({
          url: config.DATABASE_URL,
          schema: SYNC_SCHEMA,
          entities: [],
          migrations: [createMessagingTablesMigration(SYNC_SCHEMA, 1764000000001)],
        }),
        MessagingModule.forRoot({ serviceName: SERVICE_NAME, url: config.AMQP_URL, schema: SYNC_SCHEMA }),
      ],
      providers: [
        { provide: SyncConfig, useValue: config },
        { provide: SecretBox, useValue: SecretBox.fromEnv(config) },
      ],
    };
  }
}
