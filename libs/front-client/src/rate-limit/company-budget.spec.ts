import { FrontCompanyBudget } from './company-budget';
import { memoryRateLimitStore } from './rate-limit-store';
import { FrontRateLimitedError } from '../errors/front-errors';
import type { FrontPriority } from './company-budget';
import { FrontRateLimits } from './front-rate-limits';

const soon = (ms = 5_000): number => Date.now() + ms;

describe('company budget (memory store)', () => {
  it('grants up to the plan limit per window, then queues until the next window', async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_a', { requestsPerMinute: 3, windowMs: 300 });
    const started = Date.now();
    const grantedAt: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => budget.acquire('interactive', soon()).then(() => grantedAt.push(Date.now() - started))));
    grantedAt.sort((a, b) => a - b);
    expect(grantedAt.slice(0, 3).every((t) => t < 150)).toBe(true);
    expect(grantedAt.slice(3).every((t) => t >= 280)).toBe(true);
  });

  it('tells how many requests the current window has left and when it ends, granted or denied', async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_headroom', { requestsPerMinute: 3, windowMs: 400 });
    expect(budget.headroom()).toBeUndefined();
    await budget.acquire('interactive', soon());
    expect(budget.headroom()).toEqual({ remaining: 2, endsInMs: expect.any(Number) });
    await budget.acquire('interactive', soon());
    await budget.acquire('interactive', soon());
    await expect(budget.acquire('interactive', soon(50))).rejects.toBeInstanceOf(FrontRateLimitedError);
    const spent = budget.headroom()!;
    expect(spent.remaining).toBe(0);
    expect(spent.endsInMs).toBeGreaterThan(0);
    expect(spent.endsInMs).toBeLessThanOrEqual(400);
    await new Promise((resolve) => setTimeout(resolve, spent.endsInMs + 20));
    expect(budget.headroom()).toBeUndefined();
  });

  it('fails with FrontRateLimitedError when no budget comes back before the deadline', async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_b', { requestsPerMinute: 1, windowMs: 10_000 });
    await budget.acquire('interactive', soon());
    const started = Date.now();
    await expect(budget.acquire('interactive', soon(200))).rejects.toBeInstanceOf(FrontRateLimitedError);
    expect(Date.now() - started).toBeLessThan(150);
    expect(budget.queued).toEqual({ interactive: 0, background: 0 });
  });

  it('keeps a reserve that background calls cannot use', async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_c', { requestsPerMinute: 10, windowMs: 10_000, backgroundReserve: 0.3 });
    for (let i = 0; i < 7; i += 1) await budget.acquire('background', soon());
    await expect(budget.acquire('background', soon(300))).rejects.toBeInstanceOf(FrontRateLimitedError);
    for (let i = 0; i < 3; i += 1) await budget.acquire('interactive', soon());
    await expect(budget.acquire('interactive', soon(300))).rejects.toBeInstanceOf(FrontRateLimitedError);
  });

  it('serves queued interactive calls before background calls that queued earlier', async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_d', { requestsPerMinute: 2, windowMs: 250, backgroundReserve: 0 });
    await budget.acquire('interactive', soon());
    await budget.acquire('interactive', soon());
    const order: string[] = [];
    const wait = (priority: FrontPriority, label: string): Promise<void> =>
      budget.acquire(priority, soon()).then(() => {
        order.push(label);
      });
    const calls = [wait('background', 'bg1'), wait('background', 'bg2')];
    await new Promise((resolve) => setTimeout(resolve, 20));
    calls.push(wait('interactive', 'ui1'), wait('interactive', 'ui2'));
    await Promise.all(calls);
    expect(order).toEqual(['ui1', 'ui2', 'bg1', 'bg2']);
  });

  it('takes the budget down when Front reports less remaining than we counted', async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_e', { requestsPerMinute: 10, windowMs: 10_000 });
    const ticket = await budget.acquire('interactive', soon());
    await budget.observe({ remaining: 2, limit: 10 }, ticket);
    await budget.acquire('interactive', soon());
    await budget.acquire('interactive', soon());
    await expect(budget.acquire('interactive', soon(200))).rejects.toBeInstanceOf(FrontRateLimitedError);
  });

  it('ignores reports of more remaining budget than we counted', async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_f', { requestsPerMinute: 2, windowMs: 10_000 });
    await budget.acquire('interactive', soon());
    await budget.observe({ remaining: 50 });
    await budget.acquire('interactive', soon());
    await expect(budget.acquire('interactive', soon(100))).rejects.toBeInstanceOf(FrontRateLimitedError);
  });

  it('holds every call while Front says the company is rate limited', async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_g', { requestsPerMinute: 100, windowMs: 10_000 });
    await budget.pause(300);
    const started = Date.now();
    await budget.acquire('interactive', soon());
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('hands out one budget object per company and settings', () => {
    const limits = FrontRateLimits.memory();
    const a = limits.forCompany('cmp_h', { requestsPerMinute: 50 });
    expect(limits.forCompany('cmp_h', { requestsPerMinute: 50 })).toBe(a);
    expect(limits.forCompany('cmp_h', { requestsPerMinute: 100 })).not.toBe(a);
    expect(() => limits.forCompany('cmp_i', { requestsPerMinute: 0 })).toThrow('requestsPerMinute');
  });

  it('releases a waiter when its signal aborts', async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_j', { requestsPerMinute: 1, windowMs: 10_000 });
    await budget.acquire('interactive', soon());
    const controller = new AbortController();
    const waiting = budget.acquire('interactive', soon(60_000), controller.signal);
    controller.abort(new Error('caller gave up'));
    await expect(waiting).rejects.toThrow('caller gave up');
  });

  it("corrects from Front's remaining once, however many responses report it at the same time", async () => {
    const counter = memoryRateLimitStore().counter({ points: 10_000, windowMs: 60_000 });
    const budget = new FrontCompanyBudget('cmp_race', counter, { requestsPerMinute: 10_000 });
    const tickets: number[] = [];
    for (let i = 0; i < 10; i += 1) tickets.push(await budget.acquire('interactive', Date.now() + 20_000));
    await Promise.all(tickets.slice(0, 8).map((ticket) => budget.observe({ remaining: 8_000, limit: 10_000 }, ticket)));
    expect((await counter.get('cmp_race'))?.consumedPoints).toBe(2_000);
    await expect(budget.acquire('interactive', Date.now() + 1_000)).resolves.toEqual(expect.any(Number));
  });

  it('asks the store nothing when Front reports no less than was left at our last grant', async () => {
    const counter = memoryRateLimitStore().counter({ points: 10, windowMs: 60_000 });
    const reads = jest.spyOn(counter, 'get');
    const budget = new FrontCompanyBudget('cmp_agree', counter, { requestsPerMinute: 10 });
    await budget.acquire('interactive', Date.now() + 1_000);
    await budget.acquire('interactive', Date.now() + 1_000);
    await budget.observe({ remaining: 8, limit: 10 });
    await budget.observe({ remaining: 9, limit: 10 });
    expect(reads).not.toHaveBeenCalled();

    await budget.observe({ remaining: 5, limit: 10 });
    expect(reads).toHaveBeenCalledTimes(1);
    expect((await counter.get('cmp_agree'))?.consumedPoints).toBe(5);
  });

  it('counts the window as spent when Front reports only the in-flight reserve left', async () => {
    const counter = memoryRateLimitStore().counter({ points: 120, windowMs: 60_000 });
    const budget = new FrontCompanyBudget('cmp_reserve', counter, { requestsPerMinute: 120 });
    expect(budget.inFlightReserve).toBe(3);
    await budget.acquire('interactive', Date.now() + 1_000);
    await budget.observe({ remaining: 3, limit: 120, resetAtMs: Date.now() + 30_000 });
    await expect(budget.acquire('interactive', Date.now() + 200)).rejects.toBeInstanceOf(FrontRateLimitedError);
  });

  it("leaves Front's last requests to our calls granted after the one it answered, which it may not have counted", async () => {
    const counter = memoryRateLimitStore().counter({ points: 120, windowMs: 60_000 });
    const budget = new FrontCompanyBudget('cmp_in_flight', counter, { requestsPerMinute: 120 });
    const tickets: number[] = [];
    for (let i = 0; i < 10; i += 1) tickets.push(await budget.acquire('interactive', Date.now() + 1_000));
    // The first call's answer: 12 left, while the nine granted after it are still out.
    await budget.observe({ remaining: 12, limit: 120, resetAtMs: Date.now() + 30_000 }, tickets[0]);
    await expect(budget.acquire('interactive', Date.now() + 200)).rejects.toBeInstanceOf(FrontRateLimitedError);
  });

  it('does not count calls granted before the answered one again: Front counted them', async () => {
    const counter = memoryRateLimitStore().counter({ points: 120, windowMs: 60_000 });
    const budget = new FrontCompanyBudget('cmp_counted', counter, { requestsPerMinute: 120 });
    const tickets: number[] = [];
    for (let i = 0; i < 10; i += 1) tickets.push(await budget.acquire('interactive', Date.now() + 1_000));
    await budget.observe({ remaining: 12, limit: 120, resetAtMs: Date.now() + 30_000 }, tickets[9]);
    expect((await counter.get('cmp_counted'))?.consumedPoints).toBe(108);
    await expect(budget.acquire('interactive', Date.now() + 200)).resolves.toEqual(expect.any(Number));
  });

  it("counts in Front's window when it ends after ours, so our reset hands out only what Front has left", async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_window', { requestsPerMinute: 10, windowMs: 1_000 });
    const started = Date.now();
    const ticket = await budget.acquire('interactive', soon());
    // Front's window ends 600 ms after ours and has 4 requests left in it.
    await budget.observe({ remaining: 4, limit: 10, resetAtMs: started + 1_600 }, ticket);
    for (let i = 0; i < 4; i += 1) await budget.acquire('interactive', soon());
    await budget.acquire('interactive', soon());
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_550);
  });
  it('asks the store once for several calls while the window has plenty left, and replicas together still get exactly the budget', async () => {
    const counter = memoryRateLimitStore().counter({ points: 200, windowMs: 60_000 });
    const consumes = jest.spyOn(counter, 'consume');
    const replicas = [new FrontCompanyBudget('cmp_lease', counter, { requestsPerMinute: 200 }), new FrontCompanyBudget('cmp_lease', counter, { requestsPerMinute: 200 })];
    for (let i = 0; i < 100; i += 1) await replicas[i % 2].acquire('interactive', soon());
    expect(consumes.mock.calls.length).toBeLessThanOrEqual(30);

    let granted = 100;
    const open = new Set(replicas);
    for (let i = 0; open.size > 0; i += 1) {
      const replica = replicas[i % 2];
      if (!open.has(replica)) continue;
      const ticket = await replica.acquire('interactive', soon(30)).catch(() => undefined);
      if (ticket === undefined) open.delete(replica);
      else granted += 1;
      expect((await counter.get('cmp_lease'))!.consumedPoints).toBeLessThanOrEqual(200);
    }
    expect(granted).toBe(200);
  });

  it('counts the points it took ahead as still its own in the headroom it reports', async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_lease_headroom', { requestsPerMinute: 200, windowMs: 60_000 });
    for (let i = 0; i < 5; i += 1) await budget.acquire('interactive', soon());
    expect(budget.headroom()!.remaining).toBe(195);
  });

  it('does not use points taken ahead once their window is over: the next call counts in the new window', async () => {
    const counter = memoryRateLimitStore().counter({ points: 100, windowMs: 300 });
    const budget = new FrontCompanyBudget('cmp_lease_window', counter, { requestsPerMinute: 100, windowMs: 300 });
    await budget.acquire('interactive', soon());
    await budget.acquire('interactive', soon());
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await counter.get('cmp_lease_window')).toBeNull();
    await budget.acquire('interactive', soon());
    expect((await counter.get('cmp_lease_window'))!.consumedPoints).toBeGreaterThanOrEqual(1);
  });

  it('keeps background calls from points taken ahead above their cap', async () => {
    const budget = FrontRateLimits.memory().forCompany('cmp_lease_reserve', { requestsPerMinute: 100, windowMs: 60_000, backgroundReserve: 0.5 });
    let background = 0;
    while (await budget.acquire('background', soon(30)).then(() => true, () => false)) background += 1;
    expect(background).toBe(50);
    await budget.acquire('interactive', soon());
    await expect(budget.acquire('background', soon(30))).rejects.toBeInstanceOf(FrontRateLimitedError);
  });
});
