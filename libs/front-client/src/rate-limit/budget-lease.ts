/** Most points one ask of the store takes ahead for this process' next calls. */
const MAX_LEASE = 16;
/** A lease takes at most this fraction of what the window has left, so replicas' leases leave the rest to each other. */
const LEASE_SHARE = 1 / 8;
/** Points taken ahead are not used this close to the window's end: the call must land in the window that counted it. */
const LEASE_END_MARGIN_MS = 1_000;

/** One granted point: its position in the store's count of the window, and when that window ends. */
export interface BudgetPoint {
  consumed: number;
  windowEndsAt: number;
}

/**
 * Points of a company's budget this process took from the store ahead of its
 * calls: a busy process then asks the store once for several calls instead of
 * once per call. Used points are positions in the store's count, so the
 * budget's caps (the background reserve) still apply to each.
 */
export class BudgetLease {
  private held: { next: number; last: number; windowEndsAt: number } | undefined;
  private readonly endMarginMs: number;

  constructor(windowMs: number) {
    this.endMarginMs = Math.min(LEASE_END_MARGIN_MS, windowMs / 20);
  }

  /** How many points to ask the store for: one, or a small share of what the window has left as last seen. */
  sizeFor(cap: number, lastSeen: BudgetPoint | undefined): number {
    if (!lastSeen || Date.now() >= lastSeen.windowEndsAt - this.endMarginMs) return 1;
    return Math.max(1, Math.min(MAX_LEASE, Math.floor((cap - lastSeen.consumed) * LEASE_SHARE)));
  }

  /** Keeps positions `first`..`last` of the window that ends at `windowEndsAt` for the next calls. */
  hold(first: number, last: number, windowEndsAt: number): void {
    this.held = first <= last ? { next: first, last, windowEndsAt } : undefined;
  }

  /** The next point held, if one is left, within `cap` and not too close to its window's end. */
  take(cap: number): BudgetPoint | undefined {
    const held = this.usable();
    if (!held) return undefined;
    // Background calls may not use the points above their cap; interactive ones still may.
    if (held.next > cap) return undefined;
    const point = { consumed: held.next, windowEndsAt: held.windowEndsAt };
    held.next += 1;
    return point;
  }

  /** Points held and still usable (within their window). */
  get available(): number {
    const held = this.usable();
    return held ? held.last - held.next + 1 : 0;
  }

  /** The points held, unless all are used or their window is about to end (then forgotten). */
  private usable(): { next: number; last: number; windowEndsAt: number } | undefined {
    const held = this.held;
    if (held && (held.next > held.last || Date.now() >= held.windowEndsAt - this.endMarginMs)) this.held = undefined;
    return this.held;
  }

  /** Forgets the points held: the store's count was corrected, they stay counted as spent. */
  drop(): void {
    this.held = undefined;
  }
}
