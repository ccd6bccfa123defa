import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { KnowledgeSyncStatusContract, type KnowledgeSyncStatusV1 } from '@front-agent/contracts';
import { OutboxWriter } from '@front-agent/messaging';
import type { SyncRun } from './knowledge-sync-runs.repository';

/** Publishes `knowledge.sync-status` through the outbox. */
@Injectable()
export class KnowledgeSyncStatusPublisher {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async publishStatus(run: SyncRun, manager?: EntityManager): Promise<void> {
    const state = run.state === 'pending' ? 'running' : run.state;
    const message: KnowledgeSyncStatusV1 = {
      messageId: `knowledge-sync:${run.id}:${state}:${run.progress.done}/${run.progress.total}`,
      orgId: run.orgId,
      correlationId: `knowledge-sync:${run.id}`,
      occurredAt: new Date().toISOString(),
      version: 1,
      integrationId: run.integrationId,
      state,
      startedAt: (run.startedAt ?? new Date()).toISOString(),
      finishedAt: run.finishedAt?.toISOString(),
      progress: run.progress,
      result: run.result ?? undefined,
      error: run.error ?? undefined,
    };
    if (manager) await this.outbox.enqueue(manager, KnowledgeSyncStatusContract.routingKey, message);
    else await this.db.transaction((tx) => this.outbox.enqueue(tx, KnowledgeSyncStatusContract.routingKey, message));
  }
}

