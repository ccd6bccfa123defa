import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { FrontEventV1 } from '@front-agent/contracts';
import type { EventHandlerExtras } from '@front-agent/messaging';
import { DraftFateService } from './draft-fate.service';

/**
 * Any Front event on a conversation may settle the AI's pending drafts there
 * (sending one emits an outbound event; discarding emits none). Without the
 * inbox: nearly every event finds no pending draft, and settling is once-only
 * by itself (a draft leaves `pending` in the transaction that reports it).
 */
@Controller()
export class DraftFateHandler {
  constructor(private readonly fates: DraftFateService) {}

  @EventPattern('front.*', { inbox: false } satisfies EventHandlerExtras)
  onFrontEvent(@Payload() event: FrontEventV1): Promise<void> {
    return this.fates.settleDrafts(event);
  }
}
