import { Injectable, Logger } from '@nestjs/common';
import type { FrontEventV1 } from '@front-agent/contracts';
import { FrontEventNormalizer } from '@front-agent/front-client';
import { FrontClients } from './front-clients.service';

/**
 * Completes a preview event (ids and links only, as rule webhooks may send)
 * from Front's API: the event itself when Front has it, else the
 * conversation and the message.
 */
@Injectable()
export class FrontEventHydrator {
  private readonly logger = new Logger(FrontEventHydrator.name);
  private readonly normalizer = new FrontEventNormalizer();

  constructor(private readonly clients: FrontClients) {}

  async hydrate(event: FrontEventV1): Promise<FrontEventV1> {
    const client = await this.clients.forIntegration(event.orgId, event.integrationId);
    const full = (await client.getEvent(event.frontEventId).catch(() => undefined)) as Record<string, unknown> | undefined;
    if (full && typeof full === 'object' && full.conversation) {
      const hydrated = this.normalizer.normalize(
        full,
        { orgId: event.orgId, integrationId: event.integrationId, deliveredBy: event.deliveredBy === 'reconciler' ? 'rule' : event.deliveredBy, correlationId: event.correlationId },
        event.type,
      );
      return { ...hydrated, deliveredBy: event.deliveredBy, isPreview: false };
    }
    this.logger.debug({ msg: 'event not readable; hydrating from conversation and message', frontEventId: event.frontEventId });
    const conversation = event.conversationId ? await client.getConversation(event.conversationId) : undefined;
    const message = event.frontMessageId ? await client.getMessage(event.frontMessageId) : undefined;
    const rebuilt = this.normalizer.normalize(
      {
        id: event.frontEventId,
        type: event.type,
        emitted_at: event.emittedAt,
        conversation,
        ...(message ? { target: { _meta: { type: 'message' }, data: message } } : {}),
      },
      { orgId: event.orgId, integrationId: event.integrationId, deliveredBy: 'rule', correlationId: event.correlationId },
      event.type,
    );
    return { ...rebuilt, deliveredBy: event.deliveredBy, isPreview: false };
  }
}
