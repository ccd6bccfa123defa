import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { frontEventRoutingKey } from '@front-agent/contracts';
import {
  FRONT_CHALLENGE_HEADER,
  FRONT_SIGNATURE_HEADER,
  FRONT_TIMESTAMP_HEADER,
  challengeResponse,
  detectWebhookFormat,
  FrontEventNormalizer,
  HANDLED_EVENT_TYPES,
  verifyApplicationWebhook,
  verifyRuleWebhook,
  type WebhookVerification,
} from '@front-agent/front-client';
import { BrokerHealth, MessagePublisher } from '@front-agent/messaging';
import { readHeader, type IncomingHeaders } from './webhook-headers';
import { IntegrationCache, KnownIntegration } from '../integrations/integration-cache';
import { WebhookStats } from './webhook-stats.service';

export interface WebhookRequest {
  webhookKey: string;
  headers: IncomingHeaders;
  rawBody: Buffer;
}

export interface WebhookAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const RETRY_AFTER_SECONDS = '5';

/** Verify, normalise, publish, answer: everything the webhook route does. */
@Injectable()
export class WebhookIntakeService {
  constructor(
    private readonly integrations: IntegrationCache,
    private readonly normalizer: FrontEventNormalizer,
    private readonly publisher: MessagePublisher,
    private readonly stats: WebhookStats,
    private readonly broker: BrokerHealth,
  ) {}

  async receive(request: WebhookRequest): Promise<WebhookAnswer> {
    const integration = await this.integrations.lookup(request.webhookKey).catch(() => null);
    if (integration === null) return this.unavailable('integration lookup');
    if (!integration) return this.reject(undefined, 404, 'unknown_webhook_key', 'no integration has this webhook URL');

    const body = parseJsonObject(request.rawBody);
    if (!body) return this.reject(integration, 400, 'malformed_json', 'the body must be a JSON object');

    const format = detectWebhookFormat(request.headers, body);
    const verification = this.verify(format, integration, request);
    if (!verification.ok) return this.reject(integration, 401, verification.reason, `signature check failed: ${verification.reason}`);

    const challenge = readHeader(request.headers, FRONT_CHALLENGE_HEADER);
    if (challenge !== undefined) return { status: 200, body: challengeResponse(challenge) };
    if (body.type === 'sync') return { status: 200, body: { ok: true } };

    if (!integration.enabled) return this.drop(integration, 'disabled');
    const event = format === 'application' ? asObject(body.payload) : body;
    const eventType = this.normalizer.eventTypeOf(event ?? {}, typeof body.type === 'string' ? body.type : undefined);
    // A signed event of a type we do not use is acknowledged whatever its shape, so Front never counts it as failing.
    if (eventType && !HANDLED_EVENT_TYPES.has(eventType)) return this.drop(integration, 'unhandled_type');
    if (!event || typeof event.id !== 'string' || !eventType) {
      return this.reject(integration, 400, 'not_an_event', 'the body is not a Front event (id and type are required)');
    }

    const normalized = this.normalizer.normalize(
      event,
      {
        orgId: integration.orgId,
        integrationId: integration.integrationId,
        deliveredBy: format === 'rule' ? 'rule' : 'application',
        correlationId: readHeader(request.headers, 'x-correlation-id') ?? randomUUID(),
      },
      eventType,
    );
    // Known to be down: answer at once, Front retries (publishing would only wait out the confirm timeout).
    if (!this.broker.isBrokerConnected()) return this.unavailable('broker');
    const started = performance.now();
    try {
      // The normalizer builds contract-shaped events (its spec checks them against the contract) and every
      // consumer validates on receipt; validating again here would cost a third of the hot path's throughput.
      await this.publisher.publishValidated(frontEventRoutingKey(eventType), normalized);
    } catch {
      return this.unavailable('broker');
    }
    this.stats.published(integration, eventType, performance.now() - started);
    return { status: 200, body: { ok: true } };
  }

  private verify(format: string, integration: KnownIntegration, request: WebhookRequest): WebhookVerification {
    const signature = readHeader(request.headers, FRONT_SIGNATURE_HEADER);
    if (format === 'rule' && integration.ruleSecret) {
      return verifyRuleWebhook({ rawBody: request.rawBody, signatureHeader: signature, secret: integration.ruleSecret });
    }
    if (format !== 'rule' && integration.appSecret) {
      return verifyApplicationWebhook({
        rawBody: request.rawBody,
        timestampHeader: readHeader(request.headers, FRONT_TIMESTAMP_HEADER),
        signatureHeader: signature,
        secret: integration.appSecret,
      });
    }
    // No secret for this format: the unguessable key is the only check; the status page warns about it.
    this.stats.unsigned(integration);
    return { ok: true };
  }

  private reject(integration: KnownIntegration | undefined, status: number, code: string, message: string): WebhookAnswer {
    this.stats.rejected(integration, code, status === 401);
    return { status, body: { error: { code, message } } };
  }

  private drop(integration: KnownIntegration, reason: 'disabled' | 'unhandled_type'): WebhookAnswer {
    this.stats.dropped(integration, reason);
    return { status: 200, body: { ok: true, ignored: reason } };
  }

  private unavailable(what: string): WebhookAnswer {
    this.stats.rejected(undefined, 'unavailable', false);
    return {
      status: 503,
      headers: { 'retry-after': RETRY_AFTER_SECONDS },
      body: { error: { code: 'temporarily_unavailable', message: `${what} unavailable; retry later` } },
    };
  }
}

function parseJsonObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    return asObject(JSON.parse(raw.toString('utf8')));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
