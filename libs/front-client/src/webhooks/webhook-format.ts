import { FRONT_TIMESTAMP_HEADER, readHeader, type IncomingHeaders } from './webhook-headers';

/** Which of Front's two webhook kinds a delivery is. */
export type FrontWebhookFormat = 'application' | 'rule' | 'unknown';

/**
 * Tells the kinds apart by shape: an application webhook is an envelope (`authorization` + `payload`,
 * or `type: 'sync'`) and carries the timestamp header; a rule webhook is a bare event.
 */
export function detectWebhookFormat(headers: IncomingHeaders, parsedBody: unknown): FrontWebhookFormat {
  const body = isRecord(parsedBody) ? parsedBody : undefined;
  if (body && 'authorization' in body && 'payload' in body) return 'application';
  if (body?.type === 'sync') return 'application';
  if (readHeader(headers, FRONT_TIMESTAMP_HEADER) !== undefined) return 'application';
  if (body && typeof body.type === 'string' && ('_links' in body || 'id' in body || 'emitted_at' in body || 'conversation' in body)) {
    return 'rule';
  }
  return 'unknown';
}

/** The answer to Front's URL validation request: 200 with `{"challenge": <x-front-challenge>}`. */
export function challengeResponse(challengeHeader: string): { challenge: string } {
  return { challenge: challengeHeader };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
