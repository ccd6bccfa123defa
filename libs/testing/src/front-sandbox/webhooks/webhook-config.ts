import type { CompanySecrets, FrontEventType } from '../state/types';

/** A webhook receiver (PUT /_sandbox/webhook, POST /_sandbox/webhooks, control.configureWebhook()). */
export interface WebhookTargetConfig {
  url: string;
  /** 'application': signed envelope; 'rule': the bare event, as a rule's "Send to a Webhook" action sends it. */
  format: 'application' | 'rule';
  /** Signs application webhooks; defaults to the seeded app secret. */
  appSecret?: string;
  /** Signs rule webhooks; defaults to the company API secret. */
  ruleSecret?: string;
  /** Rule format only: send the preview (ids and _links) instead of the full event. */
  preview?: boolean;
  /** Fraction (0..1) of events delivered twice. */
  duplicateRate?: number;
  /** Deliver each event after a random delay up to reorderWindowMs, so they can arrive out of order. */
  reorder?: boolean;
  reorderWindowMs?: number;
  /**
   * First attempts in flight at once, started in event order. Default 1: each
   * waits for the previous answer. Front promises no order (FACTS: at-least-once,
   * unordered); a higher value keeps a slow receiver from holding events back
   * in the sandbox at high rates (benchmarks).
   */
  concurrency?: number;
  /** Retries after a failed attempt (non-2xx or network error): default 3 for application, 0 for rule. */
  maxRetries?: number;
  /** Wait before each retry, in ms; the last value repeats. Default [200, 1000, 3000]. */
  retryDelaysMs?: number[];
  /** Give up on an attempt after this long. Default 5000 ms. */
  timeoutMs?: number;
  /** Override application webhook type names (see APPLICATION_WEBHOOK_TYPES). */
  typeNames?: Partial<Record<FrontEventType, string>>;
  /** Escape <, > and & in the JSON body as Front does (\u003c…). Default true. */
  escapeHtml?: boolean;
  /** Also send events of private inboxes. Default: false for application webhooks (Front never does), true for rule ones. */
  includePrivateInboxes?: boolean;
}

export type WebhookTarget = Required<Omit<WebhookTargetConfig, 'typeNames'>> & {
  id: string;
  typeNames: Partial<Record<FrontEventType, string>>;
};

/** One POST to a webhook target (GET /_sandbox/webhook-deliveries). */
export interface DeliveryAttempt {
  id: string;
  targetId: string;
  url: string;
  format: 'application' | 'rule';
  eventId: string | null;
  webhookType: string;
  attempt: number;
  duplicate: boolean;
  /** HTTP status answered, or null on a network error or timeout. */
  status: number | null;
  error: string | null;
  startedAt: number;
  durationMs: number;
  headers: Record<string, string>;
  /** The exact bytes sent (what the signature covers). */
  body: string;
}

export interface ChallengeResult {
  targetId: string;
  challenge: string;
  status: number | null;
  /** The answer was 2xx and carried the challenge (JSON {"challenge": …} or the bare value). */
  echoed: boolean;
  response: string;
  durationMs: number;
}

export function withDefaults(id: string, config: WebhookTargetConfig, secrets: CompanySecrets): WebhookTarget {
  const application = config.format === 'application';
  return {
    id,
    url: config.url,
    format: config.format,
    appSecret: config.appSecret ?? secrets.appSecret,
    ruleSecret: config.ruleSecret ?? secrets.companyApiSecret,
    preview: !application && (config.preview ?? false),
    duplicateRate: Math.min(1, Math.max(0, config.duplicateRate ?? 0)),
    reorder: config.reorder ?? false,
    reorderWindowMs: config.reorderWindowMs ?? 250,
    concurrency: config.concurrency ?? 1,
    maxRetries: config.maxRetries ?? (application ? 3 : 0),
    retryDelaysMs: config.retryDelaysMs ?? [200, 1000, 3000],
    timeoutMs: config.timeoutMs ?? 5000,
    typeNames: config.typeNames ?? {},
    escapeHtml: config.escapeHtml ?? true,
    includePrivateInboxes: config.includePrivateInboxes ?? !application,
  };
}
