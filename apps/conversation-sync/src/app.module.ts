import { DynamicModule, Module } from '@nestjs/common';
import { BrokerHealth, MessagingModule } from '@front-agent/messaging';
import { databaseReadiness, SecretBox, ServiceCoreModule } from '@front-agent/service-kit';
import { SyncConfig, SYNC_SCHEMA } from './config';
import { syncDatabase } from './persistence';

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
        syncDatabase(config.DATABASE_URL),
        MessagingModule.forRoot({ serviceName: SERVICE_NAME, url: config.AMQP_URL, schema: SYNC_SCHEMA }),
      ],
      providers: [
        { provide: SyncConfig, useValue: config },
        { provide: SecretBox, useValue: SecretBox.fromEnv(config) },
      ],
    };
  }
}
