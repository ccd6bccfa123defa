import { contractFor } from '@front-agent/contracts';
import type { Options } from 'amqplib';

/** Header names this library reads and writes. */
export const HEADER = {
  orgId: 'x-org-id',
  schemaVersion: 'x-schema-version',
  /** 1 on first delivery; set on every retry. */
  attempt: 'x-attempt',
  originalRoutingKey: 'x-original-routing-key',
  /** How often a handler deferred the message (DeferDeliveryError); not failures. */
  deferrals: 'x-deferrals',
  originalExchange: 'x-original-exchange',
  lastError: 'x-last-error',
  /** Why a message is in the dead-letter queue. */
  deathReason: 'x-death-reason',
  /** `invalid_message` or `handler_failed`. */
  deathKind: 'x-death-kind',
  attempts: 'x-attempts',
  deadLetteredBy: 'x-dead-lettered-by',
  deadLetteredAt: 'x-dead-lettered-at',
} as const;

/** The envelope fields a message may carry (RPC requests carry only `version`). */
export interface EnvelopeFields {
  messageId?: unknown;
  orgId?: unknown;
  correlationId?: unknown;
  version?: unknown;
}

/** AMQP properties for a persistent JSON event: ids from its envelope, tenant and schema version as headers. */
export function eventProperties(routingKey: string, message: object): Options.Publish {
  const envelope = message as EnvelopeFields;
  const headers: Record<string, unknown> = {
    [HEADER.schemaVersion]: schemaVersionOf(routingKey, message),
  };
  if (typeof envelope.orgId === 'string') headers[HEADER.orgId] = envelope.orgId;
  return {
    persistent: true,
    contentType: 'application/json',
    messageId: stringOrUndefined(envelope.messageId),
    correlationId: stringOrUndefined(envelope.correlationId),
    timestamp: Math.floor(Date.now() / 1000),
    type: routingKey,
    headers,
  };
}

export function schemaVersionOf(routingKey: string, message: object): number | undefined {
  const version = (message as EnvelopeFields).version;
  return typeof version === 'number' ? version : contractFor(routingKey)?.version;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Keeps broker headers readable and under the 64 KiB header table limit. */
export function truncateForHeader(text: string, max = 2_000): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
