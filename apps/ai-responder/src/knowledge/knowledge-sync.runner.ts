import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResponderConfig } from '../config';
import { IntegrationStateRepository } from '../integrations/integration-state.repository';
import { KnowledgeSyncRunsRepository, type SyncRun } from './knowledge-sync-runs.repository';
import { KnowledgeSyncStatusPublisher } from './knowledge-sync-status';
import { KnowledgeSyncService } from './knowledge-sync.service';

/**
 * The in-process worker: claims requested sync runs from the database (so a
 * request survives a crash and only one replica runs an integration's sync),
 * runs them, reports running / progress / result, and requests a scheduled
 * run for integrations whose last sync is older than KNOWLEDGE_SYNC_INTERVAL_MS.
 */
@Injectable()
export class KnowledgeSyncRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KnowledgeSyncRunner.name);
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;
  private lastScheduleCheck = 0;
  private stopped = false;
  private readonly shutdown = new AbortController();

  constructor(
    private readonly config: ResponderConfig,
    private readonly db: DataSource,
    private readonly runs: KnowledgeSyncRunsRepository,
    private readonly integrations: IntegrationStateRepository,
    private readonly sync: KnowledgeSyncService,
    private readonly status: KnowledgeSyncStatusPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.KNOWLEDGE_SYNC_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    // A sync waiting for Front budget would hold shutdown; its lease lets the next start resume it.
    this.shutdown.abort(new Error('shutting down'));
    await this.current;
  }

  /** One poll: schedule what is due, then run every claimable run. */
  async tick(): Promise<void> {
    if (this.current || this.stopped) return;
    this.current = this.drain().finally(() => (this.current = undefined));
    await this.current;
  }

  private async drain(): Promise<void> {
    try {
      await this.requestScheduledRuns();
      for (let run = await this.runs.claimNextRun(); run && !this.stopped; run = await this.runs.claimNextRun()) {
        await this.execute(run);
      }
    } catch (error) {
      this.logger.warn({ msg: 'knowledge sync poll failed', error: (error as Error).message });
    }
  }

  private async requestScheduledRuns(): Promise<void> {
    if (Date.now() - this.lastScheduleCheck < 60_000) return;
    this.lastScheduleCheck = Date.now();
    const due = await this.integrations.findIntegrationsDueForSync(this.config.KNOWLEDGE_SYNC_INTERVAL_MS);
    for (const integration of due) {
      await this.runs.requestRun(this.db.manager, { ...integration, trigger: 'schedule' });
    }
  }

  private async execute(run: SyncRun): Promise<void> {
    await this.status.publishStatus(run);
    let lastReported = 0;
    try {
      const result = await this.sync.syncKnowledge(run, async (done, total) => {
        await this.runs.recordProgress(run.orgId, run.id, done, total);
        if (done === 0 || Date.now() - lastReported > 1_000) {
          lastReported = Date.now();
          await this.status.publishStatus({ ...run, progress: { done, total } });
        }
      }, this.shutdown.signal);
      await this.finish(run, { result });
    } catch (error) {
      if (this.stopped) return;
      const message = (error as { code?: string }).code ?? (error as Error).message;
      this.logger.warn({ msg: 'knowledge sync failed', orgId: run.orgId, integrationId: run.integrationId, runId: run.id, error: message });
      await this.finish(run, { error: message });
    }
  }

  private async finish(run: SyncRun, outcome: { result?: Record<string, number>; error?: string }): Promise<void> {
    await this.db.transaction(async (manager) => {
      const finished = await this.runs.finishRun(manager, run.orgId, run.id, outcome);
      await this.status.publishStatus(finished, manager);
    });
  }
}
