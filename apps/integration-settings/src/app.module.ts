import { DynamicModule, Global, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { brokerReadiness, MessagingModule } from '@front-agent/messaging';
import { databaseReadiness, SecretBox, ServiceCoreModule } from '@front-agent/service-kit';
import { AnalyticsController } from './analytics/analytics.controller';
import { AuditController } from './audit/audit.controller';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository';
import { DeadLettersHandler } from './dead-letters/dead-letters.handler';
import { DeadLetterReplayService } from './dead-letters/dead-letter-replay.service';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { KnowledgeController } from './knowledge/knowledge.controller';
import { TryItController } from './try-it/try-it.controller';
import { TryItService } from './try-it/try-it.service';
import { KnowledgeService } from './knowledge/knowledge.service';
import { SessionsController } from './sessions/sessions.controller';
import { ActivityHandler } from './status/activity.handler';
import { ActivityRepository } from './status/activity.repository';
import { StatusController } from './status/status.controller';
import { StatusService } from './status/status.service';
import { SettingsConfig } from './config';
import { AppErrorFilter } from './errors/app-error.filter';
import { IntegrationModule } from './integration/integration.module';
import { OrgsModule } from './orgs/orgs.module';
import { settingsDatabase, SETTINGS_SCHEMA } from './persistence';

export const SERVICE_NAME = 'integration-settings';

@Global()
@Module({})
class SettingsConfigModule {
  static forRoot(config: SettingsConfig): DynamicModule {
    return {
      module: SettingsConfigModule,
      providers: [
        { provide: SettingsConfig, useValue: config },
        { provide: SecretBox, useValue: SecretBox.fromEnv(config) },
      ],
      exports: [SettingsConfig, SecretBox],
    };
  }
}

/** integration-settings: the dashboard's API and the owner of the Front connection. */
@Module({})
export class SettingsAppModule {
  static forRoot(config: SettingsConfig): DynamicModule {
    return {
      module: SettingsAppModule,
      imports: [
        SettingsConfigModule.forRoot(config),
        ServiceCoreModule.forRoot({
          service: SERVICE_NAME,
          logLevel: config.LOG_LEVEL,
          readiness: [
            databaseReadiness,
            brokerReadiness,
          ],
        }),
        settingsDatabase(config.DATABASE_URL),
        MessagingModule.forRoot({ serviceName: SERVICE_NAME, url: config.AMQP_URL, schema: SETTINGS_SCHEMA }),
        OrgsModule,
        IntegrationModule,
      ],
      controllers: [AuditController, StatusController, SessionsController, KnowledgeController, ActivityHandler, DeadLettersHandler, DeadLettersController, AnalyticsController, TryItController],
      providers: [
        ActivityRepository,
        DeadLetterRepository,
        DeadLetterReplayService,
        StatusService,
        KnowledgeService,
        TryItService,
        { provide: APP_FILTER, useClass: AppErrorFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
        },
      ],
    };
  }
}
