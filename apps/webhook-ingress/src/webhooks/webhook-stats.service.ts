import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import type { WebhookStatsV1 } from '@front-agent/contracts';
import { MessagePublisher } from '@front-agent/messaging';
import { METRICS_REGISTRY } from '@front-agent/service-kit';
import type { KnownIntegration } from '../integrations/integration-cache';

type Tally = Pick<WebhookStatsV1, 'signatureFailures' | 'droppedDisabled' | 'droppedUnhandledType' | 'acceptedUnsigned'> & {
  publishedByType: Record<string, { count: number; lastAt: string }>;
  orgId: string;
  lastSignatureFailureReason?: string;
  lastSignatureFailureAt?: string;
};

const REPORT_EVERY_MS = 5_000;

/**
 * Prometheus counters of the ingress, and per-integration tallies (events by
 * type, rejections, drops) reported to integration-settings every few seconds:
 * webhook health costs one message per integration, not one write per event.
 */
@Injectable()
export class WebhookStats implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WebhookStats.name);
  private readonly received: Counter<'outcome'>;
  private readonly rejectedTotal: Counter<'reason'>;
  private readonly publishedTotal: Counter<'type'>;
  private readonly publishSeconds: Histogram;
  private readonly tallies = new Map<string, Tally>();
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly publisher: MessagePublisher,
  ) {
    this.received = new Counter({ name: 'webhook_received_total', help: 'Webhooks received, by outcome', labelNames: ['outcome'], registers: [registry] });
    this.rejectedTotal = new Counter({ name: 'webhook_rejected_total', help: 'Webhooks rejected, by reason', labelNames: ['reason'], registers: [registry] });
    this.publishedTotal = new Counter({ name: 'webhook_published_total', help: 'Front events published', labelNames: ['type'], registers: [registry] });
    this.publishSeconds = new Histogram({
      name: 'webhook_publish_seconds',
      help: 'Time from publish to broker confirm',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 3],
      registers: [registry],
    });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.report(), REPORT_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.report();
  }

  published(integration: KnownIntegration, type: string, elapsedMs: number): void {
    this.received.inc({ outcome: 'published' });
    this.publishedTotal.inc({ type });
    this.publishSeconds.observe(elapsedMs / 1000);
    const byType = this.tallyOf(integration).publishedByType;
    const seen = (byType[type] ??= { count: 0, lastAt: '' });
    seen.count += 1;
    seen.lastAt = new Date().toISOString();
  }

  rejected(integration: KnownIntegration | undefined, reason: string, signatureFailure: boolean): void {
    this.received.inc({ outcome: 'rejected' });
    this.rejectedTotal.inc({ reason });
    if (!integration || !signatureFailure) return;
    const tally = this.tallyOf(integration);
    tally.signatureFailures += 1;
    tally.lastSignatureFailureReason = reason;
    tally.lastSignatureFailureAt = new Date().toISOString();
  }

  dropped(integration: KnownIntegration, reason: 'disabled' | 'unhandled_type'): void {
    this.received.inc({ outcome: `dropped_${reason}` });
    const tally = this.tallyOf(integration);
    if (reason === 'disabled') tally.droppedDisabled += 1;
    else tally.droppedUnhandledType += 1;
  }

  unsigned(integration: KnownIntegration): void {
    this.tallyOf(integration).acceptedUnsigned += 1;
  }

  private tallyOf(integration: KnownIntegration): Tally {
    let tally = this.tallies.get(integration.integrationId);
    if (!tally) {
      tally = { orgId: integration.orgId, signatureFailures: 0, droppedDisabled: 0, droppedUnhandledType: 0, acceptedUnsigned: 0, publishedByType: {} };
      this.tallies.set(integration.integrationId, tally);
    }
    return tally;
  }

  private async report(): Promise<void> {
    const tallies = [...this.tallies.entries()];
    this.tallies.clear();
    for (const [integrationId, { orgId, ...counts }] of tallies) {
      const message: WebhookStatsV1 = {
        messageId: randomUUID(),
        orgId,
        correlationId: randomUUID(),
        occurredAt: new Date().toISOString(),
        version: 1,
        integrationId,
        ...counts,
      };
      await this.publisher.publish('ingress.webhook-stats', message).catch((error: Error) => {
        this.logger.warn({ msg: 'webhook stats not reported', integrationId, reason: error.message });
      });
    }
  }
}
