import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FrontEventNormalizer, HANDLED_EVENT_TYPES } from '@front-agent/front-client';
import { SyncConfig } from '../config';
import { FrontClients } from '../front/front-clients.service';
import type { IntegrationStateEntity } from '../integrations/integration-state.entity';
import { IntegrationStateRepository } from '../integrations/integration-state.repository';
import { EventApplicationRepository } from '../sessions/event-application.repository';
import { FrontEventApplier } from '../sessions/front-event-applier.service';
import { compareFrontOrder } from '../sessions/session-rules';

/** How far back the first reconciliation of an integration looks. */
const FIRST_LOOK_BACK_SECONDS = 3600;
/** Events read per integration per run, so one busy company cannot eat the budget. */
const MAX_EVENTS_PER_RUN = 1500;

export interface ReconciliationSummary {
  at: string;
  eventsRead: number;
  applied: number;
  error?: string;
}

/**
 * Gap recovery: webhooks can be missed (rule webhooks are not retried; the
 * ingress may be down). Reads Front's events API from the last reconciled
 * point and applies what is missing through the same idempotent path, on
 * start and every few minutes, at background priority on the company budget.
 */
@Injectable()
export class GapReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(GapReconciler.name);
  private readonly normalizer = new FrontEventNormalizer();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly integrations: IntegrationStateRepository,
    private readonly clients: FrontClients,
    private readonly applier: FrontEventApplier,
    private readonly store: EventApplicationRepository,
    @Inject(SyncConfig) private readonly config: SyncConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RECONCILE_INTERVAL_SECONDS <= 0) return;
    const run = () => {
      this.running ??= this.reconcileAll().catch((error: Error) => this.logger.warn({ msg: 'reconciliation pass failed', reason: error.message })).finally(() => (this.running = undefined));
    };
    this.timer = setInterval(run, this.config.RECONCILE_INTERVAL_SECONDS * 1000);
    this.timer.unref();
    setTimeout(run, 5_000).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async reconcileAll(): Promise<void> {
    for (const integration of await this.integrations.listConnected()) {
      await this.reconcile(integration).catch((error: Error) =>
        this.logger.warn({ msg: 'reconciliation failed', integrationId: integration.integrationId, reason: error.message }),
      );
    }
  }

  /** One integration, under an advisory lock so replicas do not read the same events twice. */
  async reconcile(integration: IntegrationStateEntity, maxEvents = MAX_EVENTS_PER_RUN): Promise<ReconciliationSummary | undefined> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const lockKey = `front-agent-reconcile-${integration.integrationId}`;
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [lockKey]);
      if (!locked) return undefined;
      const summary = await this.readAndApply(integration, maxEvents);
      return summary;
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
      await runner.release();
    }
  }

  private async readAndApply(integration: IntegrationStateEntity, maxEvents: number): Promise<ReconciliationSummary> {
    const after = integration.reconciledUntil ?? Date.now() / 1000 - FIRST_LOOK_BACK_SECONDS;
    const summary: ReconciliationSummary = { at: new Date().toISOString(), eventsRead: 0, applied: 0 };
    let until = after;
    try {
      const client = await this.clients.forIntegration(integration.orgId, integration.integrationId);
      const raw: Array<Record<string, unknown>> = [];
      // Oldest first, so a run cut short leaves the rest to the next one. It stops only between two instants:
      // `q[after]` is exclusive, so the next run, after the last instant read, misses none of it.
      for await (const event of client.listEvents({ after, sortOrder: 'asc' }, { priority: 'background' })) {
        const record = event as unknown as Record<string, unknown>;
        if (raw.length >= maxEvents && record.emitted_at !== raw[raw.length - 1].emitted_at) break;
        raw.push(record);
      }
      summary.eventsRead = raw.length;
      const events = raw
        .filter((event) => typeof event.type === 'string' && HANDLED_EVENT_TYPES.has(event.type))
        .map((event) => ({
          ...this.normalizer.normalize(
            event,
            { orgId: integration.orgId, integrationId: integration.integrationId, deliveredBy: 'rule', correlationId: randomUUID() },
            event.type as string,
          ),
          deliveredBy: 'reconciler' as const,
        }))
        .sort(compareFrontOrder);
      // Most events came by webhook: one statement finds those instead of one read each.
      const known = await this.store.appliedAmong(this.dataSource.manager, integration.orgId, events.map((event) => event.frontEventId));
      for (const event of events) {
        if (!known.has(event.frontEventId) && (await this.applier.apply(event)) !== 'duplicate') summary.applied += 1;
      }
      until = raw.reduce((newest, event) => Math.max(newest, Number(event.emitted_at) || newest), after);
    } catch (error) {
      summary.error = (error as Error).message;
    }
    await this.integrations.recordReconciliation(integration.orgId, integration.integrationId, until, summary);
    if (summary.applied > 0) this.logger.log({ msg: 'reconciled missed events', integrationId: integration.integrationId, ...summary });
    return summary;
  }
}
