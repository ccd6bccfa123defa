import { tooManyRequests, type FrontApiError } from '../domain/errors';
import { UNLIMITED_BUDGET, type RateLimitSettings } from '../state/settings';

export interface RateLimitVerdict {
  headers: Record<string, string>;
  error?: FrontApiError;
}

/**
 * Front's limits: one per-minute budget for the whole company (every token
 * shares it), plus a tier-2 burst limit per route and resource.
 */
export class CompanyRateLimiter {
  private windowStart = 0;
  private used = 0;
  private readonly burstHits = new Map<string, number[]>();

  constructor(private readonly clock: () => number) {}

  reset(): void {
    this.windowStart = 0;
    this.used = 0;
    this.burstHits.clear();
  }

  /** Counts one request; answers the headers to send and, when over a limit, the 429. */
  check(settings: RateLimitSettings, operationId: string | null, resource: string | undefined): RateLimitVerdict {
    const now = this.clock();
    const windowStart = Math.floor(now / 60_000) * 60_000;
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart;
      this.used = 0;
    }
    const resetAt = windowStart + 60_000;
    const budget = settings.enabled ? settings.perMinute : UNLIMITED_BUDGET;
    const headers = (remaining: number) => ({
      'x-ratelimit-limit': String(budget),
      'x-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
    });
    if (this.used >= budget) {
      return { headers: headers(0), error: tooManyRequests(resetAt - now) };
    }
    const burstError = this.checkBurst(settings, operationId, resource, now);
    if (burstError) return { headers: headers(budget - this.used), error: burstError };
    this.used += 1;
    return { headers: headers(budget - this.used) };
  }

  private checkBurst(settings: RateLimitSettings, operationId: string | null, resource: string | undefined, now: number) {
    const burst = settings.burst;
    if (!burst.enabled || !operationId || !burst.operations.includes(operationId)) return undefined;
    const key = `${operationId}:${resource ?? ''}`;
    const recent = (this.burstHits.get(key) ?? []).filter((at) => at > now - 1000);
    if (recent.length >= burst.perSecond) {
      this.burstHits.set(key, recent);
      return tooManyRequests(recent[0] + 1000 - now, 2);
    }
    recent.push(now);
    this.burstHits.set(key, recent);
    return undefined;
  }
}
