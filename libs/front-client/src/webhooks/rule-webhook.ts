import { FRONT_SIGNATURE_HEADER } from './webhook-headers';
import { hmacBase64, signatureMatches, type WebhookVerification } from './webhook-signature';

/** What verifyRuleWebhook needs: the raw bytes as received and the company's API secret. */
export interface RuleWebhookInput {
  rawBody: Buffer;
  signatureHeader: string | undefined;
  secret: string;
}

/** Checks a rule webhook: base64(HMAC-SHA1(secret, rawBody)). Rule webhooks have no timestamp, so no replay window. */
export function verifyRuleWebhook(input: RuleWebhookInput): WebhookVerification {
  const signature = input.signatureHeader?.trim();
  if (!signature) return { ok: false, reason: 'missing_signature' };
  const expected = hmacBase64('sha1', input.secret, input.rawBody);
  return signatureMatches(signature, expected) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

/** Signs a body the way Front signs rule webhooks (for the sandbox and tests); returns the header. */
export function signRuleWebhook(input: { rawBody: Buffer; secret: string }): Record<string, string> {
  return { [FRONT_SIGNATURE_HEADER]: hmacBase64('sha1', input.secret, input.rawBody) };
}
