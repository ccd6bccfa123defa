import { FrontRateLimitedError } from '../errors/front-errors';
import type { FrontRateLimitInfo } from './rate-limit-headers';
import { isRateLimiterRes, type RateLimitCounter } from './rate-limit-store';
import { BudgetLease } from './budget-lease';
import type { FrontBudgetOptions, FrontPriority } from './budget-options';

export type { FrontBudgetOptions, FrontPriority } from './budget-options';

interface Waiter {
  priority: FrontPriority;
  deadlineAt: number;
  settle(error?: unknown, ticket?: number): void;
}

type Verdict = { granted: true } | { granted: false; retryInMs: number };

/** How long a correction waits for the one before it. */
const OBSERVE_QUEUE_LIMIT_MS = 2_000;
/**
 * How much later than ours Front's window may end before we take Front's:
 * `x-ratelimit-reset` is in whole seconds, and clocks differ a little.
 * A tenth of the window when windows are short (tests).
 */
const WINDOW_SKEW_MS = 2_000;
/** How long after Front's reset ours ends when we take Front's window, for the clocks. */
const RESET_MARGIN_MS = 250;

/**
 * One company's Front budget, shared through the store by every process using it. Calls queue here
 * (interactive first, then background, each in arrival order) until the budget allows them or their
 * deadline passes. One pump per process asks the store, so waiting costs no store traffic per waiter.
 */
export class FrontCompanyBudget {
  readonly points: number;
  readonly windowMs: number;
  /** Most points a background call may find consumed before it must wait for the next window. */
  readonly backgroundCap: number;
  /** When Front reports this few left beyond our calls in flight, the window counts as spent (2% of the budget, at least 1). */
  readonly inFlightReserve: number;
  private readonly windowSkewMs: number;
  private readonly resetMarginMs: number;
  /** Tickets of the calls this process was granted whose answer has not come back, in grant order. */
  private readonly inFlight = new Set<number>();
  private lastTicket = 0;
  private readonly key: string;
  private readonly waiters: Waiter[] = [];
  private pumping = false;
  private observing: Promise<void> = Promise.resolve();
  private wakePump: (() => void) | undefined;
  /** What the store said at this process' last granted call: points consumed, and when that window ends. */
  private lastGrant: { consumed: number; windowEndsAt: number } | undefined;
  /** What the store said at this process' last ask, granted or not. */
  private lastSeen: { consumed: number; windowEndsAt: number } | undefined;
  /** Points this process took from the store ahead of its calls. */
  private readonly lease: BudgetLease;

  constructor(
    readonly companyId: string,
    private readonly counter: RateLimitCounter,
    options: FrontBudgetOptions,
  ) {
    if (!(options.requestsPerMinute >= 1)) throw new Error('FrontCompanyBudget: requestsPerMinute must be at least 1');
    const reserve = options.backgroundReserve ?? 0.3;
    if (!(reserve >= 0 && reserve < 1)) throw new Error('FrontCompanyBudget: backgroundReserve must be in [0, 1)');
    this.points = Math.floor(options.requestsPerMinute);
    this.windowMs = options.windowMs ?? 60_000;
    this.backgroundCap = Math.max(1, Math.floor(this.points * (1 - reserve)));
    this.inFlightReserve = Math.max(1, Math.ceil(this.points * 0.02));
    this.windowSkewMs = Math.min(WINDOW_SKEW_MS, this.windowMs / 10);
    this.resetMarginMs = Math.min(RESET_MARGIN_MS, this.windowMs / 10);
    this.lease = new BudgetLease(this.windowMs);
    this.key = companyId;
  }

  /**
   * Waits for one request's worth of budget; FrontRateLimitedError if none comes before `deadlineAt`.
   * Resolves with the call's ticket, to hand back with its answer (`observe`, or `landed`).
   */
  acquire(priority: FrontPriority, deadlineAt: number, signal?: AbortSignal): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => settle(new FrontRateLimitedError(undefined)), Math.max(0, deadlineAt - Date.now()));
      const onAbort = (): void => settle(signal?.reason);
      const settle = (error?: unknown, ticket = 0): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        // Nobody left to serve: let the pump stop instead of sleeping out its timer.
        if (this.waiters.length === 0) this.wakePump?.();
        if (error === undefined) resolve(ticket);
        else reject(error);
      };
      const waiter: Waiter = { priority, deadlineAt, settle };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      if (priority === 'interactive') this.wakePump?.();
      void this.pump();
    });
  }

  /** A granted call came back without Front's count (network failure, deadline): no longer in flight. */
  landed(ticket: number): void {
    this.inFlight.delete(ticket);
  }

  /**
   * A granted call came back with Front's count: corrects ours when Front reports less remaining
   * budget than we think (another client used it), or a window that ends after ours.
   */
  observe(info: FrontRateLimitInfo, ticket = 0): Promise<void> {
    this.landed(ticket);
    // Calls granted before this one reached Front before it (it counted them); later ones may not have.
    let inFlight = 0;
    for (const other of this.inFlight) if (other > ticket) inFlight += 1;
    // One at a time: each correction must see the counter after the previous one, or N concurrent
    // responses each charge the same difference and close the budget for a whole window.
    // Never more than a moment behind the previous one: a store that hangs must not stall every call.
    const previous = Promise.race([this.observing, new Promise<void>((resolve) => setTimeout(resolve, OBSERVE_QUEUE_LIMIT_MS).unref())]);
    const next = previous.then(() => this.applyObservation(info, inFlight));
    this.observing = next.catch(() => undefined);
    return next;
  }

  private async applyObservation(info: FrontRateLimitInfo, inFlight: number): Promise<void> {
    if (info.remaining === undefined) return;
    // Calls already granted (ours in flight, and a few of other processes) may not have reached
    // Front when it counted: the last of its window are left to them, or they would meet a 429.
    const remaining = info.remaining <= this.inFlightReserve + inFlight ? 0 : info.remaining;
    if (this.agreesWithLastGrant(remaining, info.resetAtMs)) return;
    const current = await this.counter.get(this.key);
    const now = Date.now();
    if (info.resetAtMs !== undefined && this.outlastsOurWindow(info.resetAtMs, now + (current?.msBeforeNext ?? 0), now)) {
      // Front's window ends after ours: at our reset we would hand out a whole budget that Front
      // does not give back until its own. Count in Front's window instead, from what it has left.
      await this.counter.set(this.key, this.points - remaining, (info.resetAtMs - now + this.resetMarginMs) / 1000);
      this.lease.drop();
      this.lastGrant = undefined;
      this.lastSeen = undefined;
      return;
    }
    const ourRemaining = this.points - (current?.consumedPoints ?? 0);
    if (remaining < ourRemaining) {
      // The points taken ahead stay counted: they were part of what Front says is gone.
      this.lease.drop();
      await this.counter.penalty(this.key, ourRemaining - remaining);
    }
    if (remaining === 0 && info.resetAtMs !== undefined) {
      // Hold everyone until Front's reset, but never reopen our own window earlier than it would.
      const untilReset = info.resetAtMs - Date.now();
      const ourWindowLeft = current?.msBeforeNext ?? 0;
      this.lease.drop();
      if (untilReset > ourWindowLeft && untilReset <= 2 * this.windowMs) await this.counter.block(this.key, untilReset / 1000);
    }
  }

  /**
   * The store's count only grows within a window, so our remaining budget is
   * at most what it was at our last grant: when Front reports at least that
   * much (and it is not zero), there is nothing to correct and no need to ask
   * the store.
   */
  private agreesWithLastGrant(frontRemaining: number, frontResetAtMs: number | undefined): boolean {
    const grant = this.lastGrant;
    if (!grant || frontRemaining === 0 || Date.now() >= grant.windowEndsAt) return false;
    if (frontResetAtMs !== undefined && frontResetAtMs > grant.windowEndsAt + this.windowSkewMs) return false;
    return frontRemaining >= this.points - grant.consumed;
  }

  /** Whether Front's window outlasts ours by more than the clocks' skew; a reset too far ahead is not believed. */
  private outlastsOurWindow(frontResetAtMs: number, ourWindowEndsAt: number, now: number): boolean {
    return frontResetAtMs > ourWindowEndsAt + this.windowSkewMs && frontResetAtMs - now <= 2 * this.windowMs;
  }

  /** Front answered a company-wide 429: nobody (in any process) calls Front for this company for `ms`. */
  async pause(ms: number): Promise<void> {
    this.lease.drop();
    await this.counter.block(this.key, ms / 1000);
  }

  /**
   * Requests left in the current window as this process last saw it, and when
   * the window ends; undefined before its first call or once that window is
   * over. For callers that spend several requests on one piece of work: start
   * it only if the window can carry it.
   */
  headroom(): { remaining: number; endsInMs: number } | undefined {
    const seen = this.lastSeen;
    const now = Date.now();
    if (!seen || seen.windowEndsAt <= now) return undefined;
    // Points this process took ahead are counted as consumed in the store, but are still ours to use.
    return { remaining: Math.max(0, this.points - seen.consumed) + this.lease.available, endsInMs: seen.windowEndsAt - now };
  }

  /** Calls waiting in this process (for tests and metrics). */
  get queued(): { interactive: number; background: number } {
    const interactive = this.waiters.filter((w) => w.priority === 'interactive').length;
    return { interactive, background: this.waiters.length - interactive };
  }

  private nextWaiter(): Waiter | undefined {
    return this.waiters.find((w) => w.priority === 'interactive') ?? this.waiters[0];
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let head = this.nextWaiter(); head; head = this.nextWaiter()) {
        let verdict: Verdict;
        try {
          verdict = await this.take(head.priority);
        } catch (error) {
          head.settle(error);
          continue;
        }
        if (!this.waiters.includes(head)) {
          // The waiter gave up (deadline, abort) while we asked the store: hand its point back.
          if (verdict.granted) await this.counter.reward(this.key, 1).catch(() => undefined);
          continue;
        }
        if (verdict.granted) {
          const ticket = ++this.lastTicket;
          this.inFlight.add(ticket);
          head.settle(undefined, ticket);
          continue;
        }
        this.failHopelessWaiters(head.priority, verdict.retryInMs);
        if (this.waiters.length === 0) break;
        await this.sleepUnlessWoken(verdict.retryInMs + Math.random() * Math.min(100, verdict.retryInMs / 10) + 5);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Waiters whose deadline comes before the budget can return fail now instead of at their deadline. */
  private failHopelessWaiters(deniedPriority: FrontPriority, retryInMs: number): void {
    const reopensAt = Date.now() + retryInMs;
    for (const waiter of [...this.waiters]) {
      // An interactive call may still pass while background ones are held back by the reserve.
      if (deniedPriority === 'background' && waiter.priority === 'interactive') continue;
      if (waiter.deadlineAt < reopensAt) waiter.settle(new FrontRateLimitedError(retryInMs));
    }
  }

  /**
   * One point of the budget: from this process' lease when it holds one, else
   * from the store, taking a few more ahead while the window has plenty left
   * (a store round trip per call was four per answer).
   */
  private async take(priority: FrontPriority): Promise<Verdict> {
    const cap = priority === 'interactive' ? this.points : this.backgroundCap;
    const leased = this.lease.take(cap);
    if (leased) {
      this.lastGrant = leased;
      return { granted: true };
    }
    const size = this.lease.sizeFor(cap, this.lastSeen);
    let consumed: number;
    let msBeforeNext: number;
    try {
      const res = await this.counter.consume(this.key, size);
      consumed = res.consumedPoints;
      msBeforeNext = res.msBeforeNext;
    } catch (error) {
      if (!isRateLimiterRes(error)) throw error;
      consumed = Number.isFinite(error.consumedPoints) ? error.consumedPoints : Number.POSITIVE_INFINITY;
      msBeforeNext = error.msBeforeNext;
    }
    const windowEndsAt = Date.now() + msBeforeNext;
    this.lastSeen = { consumed: Math.min(consumed, this.points), windowEndsAt };
    const first = consumed - size + 1;
    if (first > cap) {
      // A denied consume still counted its points: give them back so waiting does not eat the next window.
      await this.counter.reward(this.key, size);
      return { granted: false, retryInMs: Math.max(msBeforeNext, 20) };
    }
    const last = Math.min(consumed, cap);
    if (consumed > last) await this.counter.reward(this.key, consumed - last);
    this.lease.hold(first + 1, last, windowEndsAt);
    this.lastGrant = { consumed: first, windowEndsAt };
    return { granted: true };
  }

  private sleepUnlessWoken(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        if (this.wakePump === wake) this.wakePump = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakePump = wake;
    });
  }
}

