import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { AiOutcomeV1, FrontEventV1, IntegrationChangedV1 } from '@front-agent/contracts';
import { TransactionScope } from '@front-agent/messaging';
import { FrontClients } from '../front/front-clients.service';
import { IntegrationProjectionService } from '../integrations/integration-projection.service';
import { AiOutcomeService } from './ai-outcome.service';
import { FrontEventApplier } from './front-event-applier.service';

/** Broker handlers of conversation-sync: each reads its message and hands it to one service. */
@Controller()
export class SyncEventsHandler {
  constructor(
    private readonly applier: FrontEventApplier,
    private readonly outcomes: AiOutcomeService,
    private readonly integrations: IntegrationProjectionService,
    private readonly clients: FrontClients,
    private readonly transactions: TransactionScope,
  ) {}

  @EventPattern('front.*')
  async onFrontEvent(@Payload() event: FrontEventV1): Promise<void> {
    await this.applier.apply(event);
  }

  @EventPattern('integration.*')
  async onIntegrationChanged(@Payload() event: IntegrationChangedV1): Promise<void> {
    this.clients.forget(event.integrationId);
    await this.integrations.apply(this.transactions.manager()!, event);
  }

  @EventPattern('ai.*')
  async onAiOutcome(@Payload() outcome: AiOutcomeV1): Promise<void> {
    await this.outcomes.apply(outcome);
  }
}
