import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DraftCheckRequestedV1 } from '@front-agent/contracts';
import type { EventHandlerExtras } from '@front-agent/messaging';
import { DraftFateService } from './draft-fate.service';

/**
 * conversation-sync asks for a check at every Front event of a conversation
 * where the AI left a draft (sending one emits an outbound event; discarding
 * emits none), and once when the draft is reported. Without the inbox:
 * settling is once-only by itself (a draft leaves `pending` in the
 * transaction that reports it).
 */
@Controller()
export class DraftFateHandler {
  constructor(private readonly fates: DraftFateService) {}

  @EventPattern('conversation.draft-check-requested', { inbox: false } satisfies EventHandlerExtras)
  onDraftCheckRequested(@Payload() request: DraftCheckRequestedV1): Promise<void> {
    return this.fates.settleDrafts(request);
  }
}
