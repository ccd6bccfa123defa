import { FRONT_SIGNATURE_HEADER, FRONT_TIMESTAMP_HEADER } from './webhook-headers';
import { hmacBase64, signatureMatches, type WebhookVerification } from './webhook-signature';

/** Replay window: how old (past) or how far ahead (future, clock skew) a timestamp may be. */
export interface WebhookTolerance {
  pastMs?: number;
  futureMs?: number;
}

/** Default replay window: 5 minutes old, 5 seconds ahead. */
export const DEFAULT_WEBHOOK_TOLERANCE: Required<WebhookTolerance> = { pastMs: 5 * 60_000, futureMs: 5_000 };

/** What verifyApplicationWebhook needs: the raw bytes as received, never re-serialised JSON. */
export interface ApplicationWebhookInput {
  rawBody: Buffer;
  timestampHeader: string | undefined;
  signatureHeader: string | undefined;
  /** The app's signing secret (Developers page, app Basic information). */
  secret: string;
  /** Current time in epoch ms; default Date.now(). */
  now?: number;
  toleranceMs?: WebhookTolerance;
}

/** The signed string: `<timestamp>:<raw body>`, as bytes. */
function signedPayload(timestamp: string, rawBody: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}:`, 'utf8'), rawBody]);
}

/** Checks an application webhook: base64(HMAC-SHA256(secret, `${timestamp}:${rawBody}`)) and the replay window. */
export function verifyApplicationWebhook(input: ApplicationWebhookInput): WebhookVerification {
  const signature = input.signatureHeader?.trim();
  if (!signature) return { ok: false, reason: 'missing_signature' };
  const timestamp = input.timestampHeader?.trim();
  if (!timestamp || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'missing_timestamp' };
  const expected = hmacBase64('sha256', input.secret, signedPayload(timestamp, input.rawBody));
  if (!signatureMatches(signature, expected)) return { ok: false, reason: 'bad_signature' };
  const tolerance = { ...DEFAULT_WEBHOOK_TOLERANCE, ...input.toleranceMs };
  const now = input.now ?? Date.now();
  const timestampMs = Number(timestamp);
  if (timestampMs < now - tolerance.pastMs) return { ok: false, reason: 'stale_timestamp' };
  if (timestampMs > now + tolerance.futureMs) return { ok: false, reason: 'future_timestamp' };
  return { ok: true, timestampMs };
}

/** Signs a body the way Front signs application webhooks (for the sandbox and tests); returns the headers. */
export function signApplicationWebhook(input: { rawBody: Buffer; secret: string; timestampMs?: number }): Record<string, string> {
  const timestamp = String(Math.trunc(input.timestampMs ?? Date.now()));
  return {
    [FRONT_TIMESTAMP_HEADER]: timestamp,
    [FRONT_SIGNATURE_HEADER]: hmacBase64('sha256', input.secret, signedPayload(timestamp, input.rawBody)),
  };
}
