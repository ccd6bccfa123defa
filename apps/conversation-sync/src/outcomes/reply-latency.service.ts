import { Inject, Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import { EntityManager } from 'typeorm';
import type { AiOutcomeV1 } from '@front-agent/contracts';
import { METRICS_REGISTRY } from '@front-agent/service-kit';
import { TranscriptRepository } from '../transcript/transcript.repository';

/**
 * Webhook received → reply accepted by Front, per channel: from the earliest
 * customer message the reply answers (its webhook's arrival at the ingress)
 * to the AI's `replied` report, which is sent once Front accepted the reply.
 */
@Injectable()
export class ReplyLatencyService {
  private readonly histogram: Histogram<'channel'>;

  constructor(
    private readonly transcript: TranscriptRepository,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.histogram = new Histogram({
      name: 'front_agent_reply_latency_seconds',
      help: 'Webhook received by the ingress to AI reply accepted by Front, per channel',
      labelNames: ['channel'],
      buckets: [0.5, 1, 2, 3, 5, 8, 13, 21, 34, 60, 120, 300],
      registers: [registry],
    });
  }

  /** Observes the reply's latency; returns it in ms, or null when the message's arrival is unknown. */
  async observeReply(manager: EntityManager, orgId: string, channel: string | null, outcome: AiOutcomeV1): Promise<number | null> {
    const messageIds = [...new Set([outcome.triggerMessageId, ...(outcome.answeredMessageIds ?? [])])];
    const receivedAt = await this.transcript.earliestReceivedAt(manager, orgId, messageIds);
    if (!receivedAt) return null;
    const latencyMs = Math.max(0, Date.parse(outcome.occurredAt) - receivedAt.getTime());
    this.histogram.observe({ channel: channel ?? 'unknown' }, latencyMs / 1000);
    return latencyMs;
  }
}
