import { Injectable, Logger } from '@nestjs/common';
import type { IntegrationChangedV1, ResolveWebhookKeyResponseV1 } from '@front-agent/contracts';
import { RpcClient } from '@front-agent/messaging';
import { SecretBox } from '@front-agent/service-kit';

/** What the ingress needs to accept a webhook for an integration; secrets opened in memory only. */
export interface KnownIntegration {
  orgId: string;
  integrationId: string;
  enabled: boolean;
  appSecret?: string;
  ruleSecret?: string;
  revision: number;
}

const UNKNOWN_KEY_TTL_MS = 5_000;
const RPC_TIMEOUT_MS = 2_000;

/**
 * Webhook key → integration, in memory. Filled by `integration.*` events and,
 * on a miss, by one RPC to integration-settings; no database on the hot path.
 */
@Injectable()
export class IntegrationCache {
  private readonly logger = new Logger(IntegrationCache.name);
  private readonly byKey = new Map<string, KnownIntegration>();
  private readonly keyOfIntegration = new Map<string, string>();
  private readonly unknownUntil = new Map<string, number>();
  private readonly pending = new Map<string, Promise<KnownIntegration | undefined>>();

  constructor(
    private readonly rpc: RpcClient,
    private readonly secrets: SecretBox,
  ) {}

  /** The integration behind a key, or undefined when the key is unknown or disconnected. */
  async lookup(webhookKey: string): Promise<KnownIntegration | undefined> {
    const known = this.byKey.get(webhookKey);
    if (known) return known;
    if ((this.unknownUntil.get(webhookKey) ?? 0) > Date.now()) return undefined;
    let inFlight = this.pending.get(webhookKey);
    if (!inFlight) {
      inFlight = this.resolveByRpc(webhookKey).finally(() => this.pending.delete(webhookKey));
      this.pending.set(webhookKey, inFlight);
    }
    return inFlight;
  }

  /** Applies an `integration.*` event; older revisions are ignored. */
  apply(event: IntegrationChangedV1): void {
    const previousKey = this.keyOfIntegration.get(event.integrationId);
    const current = previousKey ? this.byKey.get(previousKey) : undefined;
    if (current && (event.revision ?? 0) < current.revision) return;
    if (previousKey) this.byKey.delete(previousKey);
    if (!event.connected || !event.webhook) {
      this.keyOfIntegration.delete(event.integrationId);
      if (previousKey) this.unknownUntil.set(previousKey, Date.now() + UNKNOWN_KEY_TTL_MS);
      return;
    }
    const key = event.webhook.webhookKey;
    this.unknownUntil.delete(key);
    this.keyOfIntegration.set(event.integrationId, key);
    this.byKey.set(key, {
      orgId: event.orgId,
      integrationId: event.integrationId,
      enabled: event.enabled,
      appSecret: event.webhook.appSecret ? this.secrets.open(event.webhook.appSecret) : undefined,
      ruleSecret: event.webhook.ruleSecret ? this.secrets.open(event.webhook.ruleSecret) : undefined,
      revision: event.revision ?? 0,
    });
  }

  private async resolveByRpc(webhookKey: string): Promise<KnownIntegration | undefined> {
    const answer = await this.rpc.request<ResolveWebhookKeyResponseV1>(
      'rpc.settings.resolve-webhook-key',
      { version: 1, webhookKey },
      { timeoutMs: RPC_TIMEOUT_MS },
    );
    if (!answer.found || !answer.integration) {
      this.unknownUntil.set(webhookKey, Date.now() + UNKNOWN_KEY_TTL_MS);
      return undefined;
    }
    this.apply(answer.integration);
    this.logger.debug({ msg: 'webhook key resolved by rpc', integrationId: answer.integration.integrationId });
    return this.byKey.get(webhookKey);
  }
}
