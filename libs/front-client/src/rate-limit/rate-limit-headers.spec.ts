import {
  DEFAULT_RETRY_AFTER_MS,
  MIN_RETRY_AFTER_MS,
  parseRateLimitHeaders,
  parseRetryAfterMs,
  parseRetryHintFromMessage,
} from './rate-limit-headers';

const now = 1_700_000_000_000;

describe('rate-limit headers', () => {
  it('reads limit, remaining and reset (Unix seconds) case-insensitively', () => {
    const info = parseRateLimitHeaders({ 'X-RateLimit-Limit': '100', 'x-ratelimit-remaining': '42', 'x-ratelimit-reset': '1700000030' }, now);
    expect(info).toEqual({ limit: 100, remaining: 42, resetAtMs: now + 30_000 });
  });

  it('reads a reset given in milliseconds or as seconds from now', () => {
    expect(parseRateLimitHeaders({ 'x-ratelimit-reset': String(now + 5_000) }, now).resetAtMs).toBe(now + 5_000);
    expect(parseRateLimitHeaders({ 'x-ratelimit-reset': '12' }, now).resetAtMs).toBe(now + 12_000);
  });

  it('reads a burst 429: retry-after and the tier', () => {
    expect(parseRateLimitHeaders({ 'retry-after': '0.341', 'x-front-tier': '2', 'x-ratelimit-remaining': '17' }, now)).toEqual({
      retryAfterMs: 341,
      tier: 2,
      remaining: 17,
    });
  });

  it('ignores what it cannot read', () => {
    expect(parseRateLimitHeaders({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '', 'x-front-tier': 'two' }, now)).toEqual({});
    expect(parseRateLimitHeaders({ 'x-ratelimit-remaining': ['7', '9'] }, now)).toEqual({ remaining: 7 });
  });
});

describe('retry-after', () => {
  it('takes fractional seconds', () => {
    expect(parseRetryAfterMs('1.5', now)).toBe(1_500);
    expect(parseRetryAfterMs('2', now)).toBe(2_000);
  });

  it('never waits zero', () => {
    expect(parseRetryAfterMs('0', now)).toBe(MIN_RETRY_AFTER_MS);
    expect(parseRetryAfterMs('0.01', now)).toBe(MIN_RETRY_AFTER_MS);
  });

  it('takes an HTTP date', () => {
    expect(parseRetryAfterMs(new Date(now + 3_000).toUTCString(), now)).toBe(3_000);
  });

  it('is undefined when absent or unreadable, so the caller can fall back', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(DEFAULT_RETRY_AFTER_MS).toBeGreaterThanOrEqual(MIN_RETRY_AFTER_MS);
  });

  it("reads Front's 429 message when the header is missing", () => {
    expect(parseRetryHintFromMessage('Rate limit exceeded for tier-2 route. Please retry in 341 milliseconds.')).toBe(341);
    expect(parseRetryHintFromMessage('Please retry in 2 seconds.')).toBe(2_000);
    expect(parseRetryHintFromMessage('Please retry in 3 milliseconds.')).toBe(MIN_RETRY_AFTER_MS);
    expect(parseRetryHintFromMessage('Too many requests')).toBeUndefined();
  });
});
