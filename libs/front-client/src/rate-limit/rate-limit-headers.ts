/** What a Front response says about the company's rate-limit budget. */
export interface FrontRateLimitInfo {
  /** `x-ratelimit-limit`: requests per window for the company. */
  limit?: number;
  /** `x-ratelimit-remaining`: requests left in the current window. */
  remaining?: number;
  /** `x-ratelimit-reset`, as epoch milliseconds. */
  resetAtMs?: number;
  /** `retry-after` (429 only), in milliseconds, never 0. */
  retryAfterMs?: number;
  /** `x-front-tier` (429 only): a per-resource burst limit was hit, not the company budget. */
  tier?: number;
}

type HeaderBag = Record<string, unknown>;

/** Shortest wait after a 429, whatever Front says: Front may send `retry-after: 0` and mean "soon". */
export const MIN_RETRY_AFTER_MS = 250;
/** Wait after a 429 that names no delay at all. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

/** Parses the rate-limit headers of one response; header names are matched case-insensitively. */
export function parseRateLimitHeaders(headers: HeaderBag, nowMs: number = Date.now()): FrontRateLimitInfo {
  const get = (name: string): string | undefined => headerValue(headers, name);
  const info: FrontRateLimitInfo = {};
  const limit = parseNumber(get('x-ratelimit-limit'));
  if (limit !== undefined && limit >= 0) info.limit = limit;
  const remaining = parseNumber(get('x-ratelimit-remaining'));
  if (remaining !== undefined) info.remaining = Math.max(0, Math.floor(remaining));
  const reset = parseResetAt(get('x-ratelimit-reset'), nowMs);
  if (reset !== undefined) info.resetAtMs = reset;
  const retryAfter = parseRetryAfterMs(get('retry-after'), nowMs);
  if (retryAfter !== undefined) info.retryAfterMs = retryAfter;
  const tier = parseNumber(get('x-front-tier'));
  if (tier !== undefined) info.tier = Math.trunc(tier);
  return info;
}

/**
 * `retry-after` in ms: seconds, possibly fractional ("0.341"), or an HTTP date.
 * Clamped to at least MIN_RETRY_AFTER_MS; undefined when absent or unreadable.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = parseNumber(value);
  if (seconds !== undefined) return Math.max(MIN_RETRY_AFTER_MS, Math.ceil(seconds * 1000));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(MIN_RETRY_AFTER_MS, date - nowMs);
}

/** "Please retry in 341 milliseconds." in a 429 body, as a fallback when `retry-after` is missing. */
export function parseRetryHintFromMessage(message: string | undefined): number | undefined {
  const match = message?.match(/retry in (\d+(?:\.\d+)?)\s*(milliseconds|ms|seconds|s)\b/i);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const ms = /^m/i.test(match[2]) ? amount : amount * 1000;
  return Math.max(MIN_RETRY_AFTER_MS, Math.ceil(ms));
}

/**
 * `x-ratelimit-reset` is documented as the Unix time of the next reset. Read it defensively:
 * seconds or milliseconds since the epoch, or (if small) seconds from now.
 */
function parseResetAt(value: string | undefined, nowMs: number): number | undefined {
  const n = parseNumber(value);
  if (n === undefined || n < 0) return undefined;
  if (n > 1e12) return Math.round(n);
  if (n > 1e9) return Math.round(n * 1000);
  return nowMs + Math.round(n * 1000);
}

function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

function headerValue(headers: HeaderBag, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : undefined;
    if (value === undefined || value === null) return undefined;
    return String(value);
  }
  return undefined;
}
