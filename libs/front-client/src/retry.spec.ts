import { backoffDelayMs, classifyNetworkError, DEFAULT_RETRY_POLICY, mayRepeat, sleep } from './retry';

describe('backoff', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 1_000 };

  it('doubles from the base delay and stops at the cap', () => {
    const ceilings = [1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, policy, () => 1));
    expect(ceilings).toEqual([200, 400, 800, 1_000, 1_000]);
  });

  it('jitters between half and all of the ceiling, never near zero', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(400);
    for (let i = 0; i < 200; i += 1) {
      const delay = backoffDelayMs(2, policy);
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });

  it('has sane defaults', () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThan(1);
    expect(backoffDelayMs(100, DEFAULT_RETRY_POLICY, () => 1)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});

describe('what may be repeated', () => {
  it('repeats a request that never reached Front, whatever the method', () => {
    expect(mayRepeat('not-sent', 'not-repeatable')).toBe(true);
    expect(mayRepeat('not-sent', 'idempotent')).toBe(true);
  });

  it('repeats ambiguous failures only for idempotent calls or when the caller says it is safe', () => {
    expect(mayRepeat('ambiguous', 'idempotent')).toBe(true);
    expect(mayRepeat('ambiguous', 'safe-to-repeat')).toBe(true);
    expect(mayRepeat('ambiguous', 'not-repeatable')).toBe(false);
  });

  it('counts refused connections and DNS failures as not sent, resets and timeouts as ambiguous', () => {
    expect(classifyNetworkError('ECONNREFUSED')).toBe('not-sent');
    expect(classifyNetworkError('ENOTFOUND')).toBe('not-sent');
    expect(classifyNetworkError('ECONNRESET')).toBe('ambiguous');
    expect(classifyNetworkError('ETIMEDOUT')).toBe('ambiguous');
    expect(classifyNetworkError(undefined)).toBe('ambiguous');
  });
});

describe('sleep', () => {
  it('stops early when its signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('stop')), 10);
    await expect(sleep(5_000, controller.signal)).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
