import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { FrontEventV1 } from '@front-agent/contracts';
import { DraftFateService } from './draft-fate.service';

/** Any Front event on a conversation may settle the AI's pending drafts there (sending one emits an outbound event; discarding emits none). */
@Controller()
export class DraftFateHandler {
  constructor(private readonly fates: DraftFateService) {}

  @EventPattern('front.*')
  onFrontEvent(@Payload() event: FrontEventV1): Promise<void> {
    return this.fates.settleDrafts(event);
  }
}
