import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a webhook was refused. */
export type WebhookRejectionReason =
  | 'missing_signature'
  | 'bad_signature'
  | 'missing_timestamp'
  | 'stale_timestamp'
  | 'future_timestamp';

/** Outcome of verifying a webhook: accepted, or refused with a reason. */
export type WebhookVerification = { ok: true; timestampMs?: number } | { ok: false; reason: WebhookRejectionReason };

/** base64(HMAC(secret, message)). */
export function hmacBase64(algorithm: 'sha1' | 'sha256', secret: string, message: Buffer): string {
  return createHmac(algorithm, secret).update(message).digest('base64');
}

/** Constant-time comparison of a received base64 signature with the expected one. */
export function signatureMatches(received: string, expectedBase64: string): boolean {
  const expected = Buffer.from(expectedBase64, 'base64');
  const given = Buffer.from(received.trim(), 'base64');
  // Lengths are public (the digest size); only equal-length buffers can be compared in constant time.
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
