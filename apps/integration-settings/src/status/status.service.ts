import { Inject, Injectable } from '@nestjs/common';
import { newEnvelope, type KnowledgeOverviewV1 } from '@front-agent/contracts';
import { RpcClient } from '@front-agent/messaging';
import type { Principal } from '../auth/api-key.service';
import { SettingsConfig } from '../config';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository';
import type { FrontIntegrationEntity } from '../integration/front-integration.entity';
import { IntegrationService } from '../integration/integration.service';
import { ActivityRepository, ActivityRow } from './activity.repository';

const RPC_TIMEOUT_MS = 2_000;

/** GET /v1/integrations/front/status: credentials, webhook, AI, knowledge, sessions; built for troubleshooting. */
@Injectable()
export class StatusService {
  constructor(
    private readonly integrations: IntegrationService,
    private readonly activity: ActivityRepository,
    private readonly deadLetters: DeadLetterRepository,
    private readonly rpc: RpcClient,
    @Inject(SettingsConfig) private readonly config: SettingsConfig,
  ) {}

  async status(principal: Principal, recheck: boolean) {
    const integration = recheck
      ? await this.integrations.recheckCredentials(principal)
      : await this.integrations.requireConnected(principal.orgId);
    const [activity, deadLetters, knowledge, sessions] = await Promise.all([
      this.activity.summaryOfIntegration(principal.orgId, integration.id),
      this.deadLetters.countOpenByQueue(principal.orgId),
      this.ask<KnowledgeOverviewV1>('rpc.responder.knowledge-overview', principal.orgId, integration.id),
      this.ask<Record<string, unknown>>('rpc.sync.integration-status', principal.orgId, integration.id),
    ]);
    const byKind = new Map(activity.map((row) => [row.kind, row]));
    return {
      credentials: {
        ok: integration.lastValidationResult === 'ok',
        lastValidatedAt: integration.lastValidatedAt,
        lastValidationResult: integration.lastValidationResult,
      },
      webhook: this.webhookStatus(integration, activity, byKind),
      ai: {
        repliesLast24h: byKind.get('ai:replied')?.count ?? 0,
        handoffsLast24h: byKind.get('ai:handed-off')?.count ?? 0,
        resolvedLast24h: byKind.get('ai:resolved')?.count ?? 0,
        failuresLast24h: byKind.get('ai:failed')?.count ?? 0,
        lastErrors: byKind.get('ai:failed')?.lastDetail ? [{ at: byKind.get('ai:failed')!.lastAt, reason: byKind.get('ai:failed')!.lastDetail }] : [],
        deadLetters: Object.values(deadLetters).reduce((sum, count) => sum + count, 0),
        deadLettersByQueue: deadLetters,
        responder: this.config.LLM_BASE_URL && this.config.LLM_MODEL ? 'llm' : 'embedded',
        model: this.config.LLM_BASE_URL && this.config.LLM_MODEL ? this.config.LLM_MODEL : undefined,
        draftsLast24h: byKind.get('ai:drafted')?.count ?? 0,
        guidanceNotApplied: knowledge?.responder.guidanceNotApplied ?? [],
      },
      knowledge: knowledge ? { state: knowledge.sync.state, lastRunAt: knowledge.sync.lastRunAt, lastResult: knowledge.sync.lastResult, error: knowledge.sync.error, progress: knowledge.sync.progress, knowledgeBases: knowledge.knowledgeBases.length } : this.lastKnowledgeSync(byKind.get('knowledge_sync')),
      sessions: sessions ?? { unavailable: true },
    };
  }

  private webhookStatus(integration: FrontIntegrationEntity, activity: ActivityRow[], byKind: Map<string, ActivityRow>) {
    const events = activity.filter((row) => row.kind.startsWith('webhook:'));
    const lastEventAt = events.reduce<Date | null>((latest, row) => (!latest || row.lastAt > latest ? row.lastAt : latest), null);
    const failures = byKind.get('signature_failure');
    const unsigned = !integration.webhookSecret && !integration.ruleWebhookSecret;
    return {
      noWebhookYet: events.length === 0,
      lastEventAt,
      lastEventByType: Object.fromEntries(events.map((row) => [row.kind.slice('webhook:'.length), row.lastAt])),
      countLast24h: events.reduce((sum, row) => sum + row.count, 0),
      signatureFailuresLast24h: failures?.count ?? 0,
      lastSignatureFailureAt: failures?.lastAt ?? null,
      lastSignatureFailureReason: failures?.lastDetail ?? null,
      droppedWhileDisabledLast24h: byKind.get('dropped_disabled')?.count ?? 0,
      unsignedWarning: unsigned
        ? 'No signing secret is set: webhooks are accepted on the unguessable URL alone. Set the Front app signing secret (or the company API secret for rule webhooks).'
        : null,
      acceptedUnsignedLast24h: byKind.get('accepted_unsigned')?.count ?? 0,
    };
  }

  private lastKnowledgeSync(row: ActivityRow | undefined) {
    if (!row?.lastDetail) return { state: 'never' };
    return JSON.parse(row.lastDetail) as Record<string, unknown>;
  }

  private ask<T>(pattern: string, orgId: string, integrationId: string): Promise<T | undefined> {
    return this.rpc
      .request<T>(pattern, { ...newEnvelope(orgId), version: 1, integrationId }, { timeoutMs: RPC_TIMEOUT_MS })
      .catch(() => undefined);
  }
}
