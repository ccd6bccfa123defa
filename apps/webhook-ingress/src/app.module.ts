import { DynamicModule, Module } from '@nestjs/common';
import { brokerReadiness, MessagingModule } from '@front-agent/messaging';
import { SecretBox, ServiceCoreModule } from '@front-agent/service-kit';
import { IngressConfig } from './config';
import { IntegrationCache } from './integrations/integration-cache';
import { IntegrationEventsHandler } from './integrations/integration-events.handler';
import { FrontEventNormalizer } from '@front-agent/front-client';
import { WebhookIntakeService } from './webhooks/webhook-intake.service';
import { WebhookStats } from './webhooks/webhook-stats.service';

export const SERVICE_NAME = 'webhook-ingress';
const CONFIRM_TIMEOUT_MS = 3_000;

/** webhook-ingress: the only public HTTP edge for Front. Stateless, no database. */
@Module({})
export class IngressAppModule {
  static forRoot(config: IngressConfig): DynamicModule {
    return {
      module: IngressAppModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: SERVICE_NAME,
          logLevel: config.LOG_LEVEL,
          // The webhook route logs what it refuses; a log line per accepted webhook would cost a fifth of its throughput.
          httpRequestLogs: false,
          readiness: [brokerReadiness],
        }),
        MessagingModule.forRoot({ serviceName: SERVICE_NAME, url: config.AMQP_URL, confirmTimeoutMs: CONFIRM_TIMEOUT_MS }),
      ],
      controllers: [IntegrationEventsHandler],
      providers: [
        { provide: IngressConfig, useValue: config },
        { provide: SecretBox, useValue: SecretBox.fromEnv(config) },
        IntegrationCache,
        { provide: FrontEventNormalizer, useValue: new FrontEventNormalizer() },
        WebhookStats,
        WebhookIntakeService,
      ],
    };
  }
}
