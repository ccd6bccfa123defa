/** How often and how patiently a failed Front call is repeated (network errors and 5xx only). */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** Delay before the first retry; each later retry doubles it. */
  baseDelayMs: number;
  /** Ceiling of the delay between two attempts. */
  maxDelayMs: number;
}

/** Defaults: 4 attempts, 300 ms doubling up to 5 s, always bounded by the call deadline. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 300, maxDelayMs: 5_000 };

/**
 * Delay before retry number `retry` (1 for the first retry): exponential, capped, with "equal jitter"
 * (half fixed, half random) so replicas that failed together do not retry together, yet never wait ~0.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** What kind of failure an attempt ended with, as far as retrying is concerned. */
export type AttemptFailure =
  /** The connection was never made, so Front cannot have seen the request. */
  | 'not-sent'
  /** Connection reset, timeout, 5xx: Front may or may not have applied the request. */
  | 'ambiguous';

/** How a call may be repeated: by nature (GET, PUT, ...), because the caller said so, or not at all. */
export type RepeatPolicy = 'idempotent' | 'safe-to-repeat' | 'not-repeatable';

/** Whether a failed attempt may be sent again: ambiguous failures only when repeating cannot double-apply. */
export function mayRepeat(failure: AttemptFailure, repeat: RepeatPolicy): boolean {
  return failure === 'not-sent' || repeat !== 'not-repeatable';
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Classifies a network error code: refusals and DNS failures happen before any byte reaches Front. */
export function classifyNetworkError(code: string | undefined): AttemptFailure {
  return code !== undefined && NOT_SENT_CODES.has(code) ? 'not-sent' : 'ambiguous';
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, Math.max(0, ms));
    function done(): void {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
