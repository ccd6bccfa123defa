/** Customer-facing calls (`interactive`) go first; `background` work (knowledge sync, sweeps) yields to them. */
export type FrontPriority = 'interactive' | 'background';

/** How big a company's budget is. */
export interface FrontBudgetOptions {
  /** The plan's requests per minute (50, 100, 200, ...). */
  requestsPerMinute: number;
  /** Window length; one minute unless shortened (tests). The budget is `requestsPerMinute` per window. */
  windowMs?: number;
  /** Share of each window that background calls may not use, kept for interactive ones. Default 0.3. */
  backgroundReserve?: number;
}
