import { createHmac } from 'node:crypto';

/** Application webhook signature: base64(HMAC-SHA256(app secret, `${timestamp}:${rawBody}`)), timestamp in ms. */
export function signApplicationWebhook(appSecret: string, timestampMs: string, rawBody: string): string {
  return createHmac('sha256', appSecret).update(`${timestampMs}:`).update(Buffer.from(rawBody, 'utf8')).digest('base64');
}

/** Rule webhook signature (X-Front-Signature): base64(HMAC-SHA1(company API secret, rawBody)). */
export function signRuleWebhook(companyApiSecret: string, rawBody: string): string {
  return createHmac('sha1', companyApiSecret).update(Buffer.from(rawBody, 'utf8')).digest('base64');
}

/**
 * JSON the way Front's webhooks write it: <, > and & inside strings escaped as
 * \u003c, \u003e and \u0026, so receivers must sign the raw bytes, never a re-serialisation.
 */
export function frontJson(value: unknown, escapeHtml = true): string {
  const json = JSON.stringify(value);
  if (!escapeHtml) return json;
  return json.replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
