import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { AiOutcomeV1, KnowledgeSyncStatusV1, WebhookStatsV1 } from '@front-agent/contracts';
import { type EventHandlerExtras, InboxRecorder, TransactionScope } from '@front-agent/messaging';
import { ActivityRepository } from './activity.repository';

const AI_OUTCOMES = 'ai.*';

/** Keeps webhook and AI health for the status page, from the ingress' periodic stats and the AI's outcomes. */
@Controller()
export class ActivityHandler {
  constructor(
    private readonly activity: ActivityRepository,
    private readonly transactions: TransactionScope,
    private readonly inbox: InboxRecorder,
  ) {}

  @EventPattern('ingress.webhook-stats')
  async onWebhookStats(@Payload() stats: WebhookStatsV1): Promise<void> {
    const manager = this.transactions.manager()!;
    const at = stats.lastSignatureFailureAt ? new Date(stats.lastSignatureFailureAt) : new Date();
    await this.activity.count(manager, stats.orgId, stats.integrationId, 'signature_failure', stats.signatureFailures, stats.lastSignatureFailureReason, at);
    await this.activity.count(manager, stats.orgId, stats.integrationId, 'dropped_disabled', stats.droppedDisabled);
    await this.activity.count(manager, stats.orgId, stats.integrationId, 'dropped_unhandled_type', stats.droppedUnhandledType);
    await this.activity.count(manager, stats.orgId, stats.integrationId, 'accepted_unsigned', stats.acceptedUnsigned);
    for (const [type, { count, lastAt }] of Object.entries(stats.publishedByType ?? {})) {
      await this.activity.count(manager, stats.orgId, stats.integrationId, `webhook:${type}`, count, undefined, new Date(lastAt));
    }
  }

  /** Without the transport's inbox: the count and the inbox row are one statement (one per AI answer). */
  @EventPattern(AI_OUTCOMES, { inbox: false } satisfies EventHandlerExtras)
  async onAiOutcome(@Payload() outcome: AiOutcomeV1): Promise<void> {
    const processed = this.inbox.processedFor(AI_OUTCOMES, outcome, 6);
    await this.activity.countOnce(processed, outcome.orgId, outcome.integrationId, `ai:${outcome.outcome}`, outcome.reason);
  }

  @EventPattern('knowledge.sync-status')
  async onKnowledgeSync(@Payload() status: KnowledgeSyncStatusV1): Promise<void> {
    const detail = JSON.stringify({ state: status.state, startedAt: status.startedAt, finishedAt: status.finishedAt, progress: status.progress, result: status.result, error: status.error });
    await this.activity.count(this.transactions.manager()!, status.orgId, status.integrationId, 'knowledge_sync', 1, detail);
  }
}
