import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DraftSettledV1 } from '@front-agent/contracts';
import { DraftFateService } from './draft-fate.service';

/** copilot.draft-settled: what a teammate did with an AI draft, once per draft (inbox). */
@Controller()
export class DraftFateHandler {
  constructor(private readonly fates: DraftFateService) {}

  @EventPattern('copilot.draft-settled')
  onDraftSettled(@Payload() settled: DraftSettledV1): Promise<void> {
    return this.fates.recordFate(settled);
  }
}
