import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { AiOutcomeV1, FrontEventV1, IntegrationChangedV1 } from '@front-agent/contracts';
import { type EventHandlerExtras, TransactionScope } from '@front-agent/messaging';
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

  /** Without the inbox: a Front event's messageId is its Front event id, which sync.applied_events already takes once (for the reconciler too). */
  @EventPattern('front.*', { inbox: false } satisfies EventHandlerExtras)
  async onFrontEvent(@Payload() event: FrontEventV1): Promise<void> {
    await this.applier.apply(event);
  }

  @EventPattern('integration.*')
  async onIntegrationChanged(@Payload() event: IntegrationChangedV1): Promise<void> {
    this.clients.forget(event.integrationId);
    await this.integrations.apply(this.transactions.manager()!, event);
  }

  /** Without the inbox: sync.applied_events takes each outcome once (as `ai:<messageId>`), in the outcome's one write. */
  @EventPattern('ai.*', { inbox: false } satisfies EventHandlerExtras)
  async onAiOutcome(@Payload() outcome: AiOutcomeV1): Promise<void> {
    await this.outcomes.apply(outcome);
  }
}
