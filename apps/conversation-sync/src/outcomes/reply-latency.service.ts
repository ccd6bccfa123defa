import { Inject, Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import type { AiOutcomeV1 } from '@front-agent/contracts';
import { METRICS_REGISTRY } from '@front-agent/service-kit';

/**
 * Webhook received → reply accepted by Front, per channel: from the earliest
 * customer message the reply answers (its webhook's arrival at the ingress)
 * to the AI's `replied` report, which is sent once Front accepted the reply.
 */
@Injectable()
export class ReplyLatencyService {
  private readonly histogram: Histogram<'channel'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.histogram = new Histogram({
      name: 'front_agent_reply_latency_seconds',
      help: 'Webhook received by the ingress to AI reply accepted by Front, per channel',
      labelNames: ['channel'],
      buckets: [0.5, 1, 2, 3, 5, 8, 13, 21, 34, 60, 120, 300],
      registers: [registry],
    });
  }

  /** The reply's latency in ms, from the earliest arrival of the messages it answers; null when that is unknown. */
  latencyOf(outcome: AiOutcomeV1, receivedAt: Date | null): number | null {
    return receivedAt ? Math.max(0, Date.parse(outcome.occurredAt) - receivedAt.getTime()) : null;
  }

  /** The messages whose earliest arrival starts a reply's latency. */
  answeredBy(outcome: AiOutcomeV1): string[] {
    return [...new Set([outcome.triggerMessageId, ...(outcome.answeredMessageIds ?? [])])];
  }

  observe(channel: string | null, latencyMs: number): void {
    this.histogram.observe({ channel: channel ?? 'unknown' }, latencyMs / 1000);
  }
}
