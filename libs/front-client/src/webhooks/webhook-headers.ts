/** Header carrying the base64 HMAC signature (both webhook kinds). */
export const FRONT_SIGNATURE_HEADER = 'x-front-signature';
/** Header carrying the send time in epoch milliseconds (application webhooks only). */
export const FRONT_TIMESTAMP_HEADER = 'x-front-request-timestamp';
/** Header carrying the random value to echo when Front validates a webhook URL. */
export const FRONT_CHALLENGE_HEADER = 'x-front-challenge';

/** Incoming HTTP headers as Node and most frameworks hand them over. */
export type IncomingHeaders = Record<string, string | string[] | undefined>;

/** One header's value, matched case-insensitively; the first one if repeated. */
export function readHeader(headers: IncomingHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
