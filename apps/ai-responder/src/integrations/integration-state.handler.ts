import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { IntegrationChangedV1 } from '@front-agent/contracts';
import { TransactionScope } from '@front-agent/messaging';
import { DataSource } from 'typeorm';
import { IntegrationStateService } from './integration-state.service';

/** integration.connected | updated | disconnected. */
@Controller()
export class IntegrationStateHandler {
  constructor(
    private readonly service: IntegrationStateService,
    private readonly scope: TransactionScope,
    private readonly db: DataSource,
  ) {}

  @EventPattern('integration.*')
  onIntegrationChanged(@Payload() event: IntegrationChangedV1): Promise<void> {
    return this.service.applyIntegrationChange(this.scope.managerOr(this.db.manager), event);
  }
}
