import type { FakeHandler } from './fake-front-server';

/** What the fake rate limiter did: requests answered and 429s sent. */
export interface FakeRateLimitStats {
  served: number;
  rejected: number;
}

/**
 * Wraps a handler in a company-wide fixed-window limit the way Front reports it: `x-ratelimit-*` on
 * every answer, and 429 with `retry-after` (seconds, fractional) once the window's budget is spent.
 */
export function withFakeRateLimit(limit: number, windowMs: number, inner: FakeHandler): { handler: FakeHandler; stats: FakeRateLimitStats } {
  const stats: FakeRateLimitStats = { served: 0, rejected: 0 };
  let windowStart = 0;
  let used = 0;
  const handler: FakeHandler = async (request, fake) => {
    const now = Date.now();
    if (now >= windowStart + windowMs) {
      windowStart = now;
      used = 0;
    }
    const resetAt = windowStart + windowMs;
    const headers = (remaining: number): Record<string, string> => ({
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(resetAt / 1000),
    });
    if (used >= limit) {
      stats.rejected += 1;
      return {
        status: 429,
        headers: { ...headers(0), 'retry-after': String((resetAt - now) / 1000) },
        body: { _error: { status: 429, title: 'Too many requests', message: 'Rate limit exceeded' } },
      };
    }
    used += 1;
    stats.served += 1;
    const reply = await inner(request, fake);
    return { ...reply, headers: { ...headers(limit - used), ...reply.headers } };
  };
  return { handler, stats };
}
