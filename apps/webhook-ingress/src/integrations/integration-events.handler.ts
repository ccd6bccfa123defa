import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { IntegrationChangedV1 } from '@front-agent/contracts';
import { IntegrationCache } from './integration-cache';

/** Keeps the webhook-key cache in step with integration-settings. */
@Controller()
export class IntegrationEventsHandler {
  constructor(private readonly cache: IntegrationCache) {}

  @EventPattern('integration.*')
  onIntegrationChanged(@Payload() event: IntegrationChangedV1): void {
    this.cache.apply(event);
  }
}
