import { FrontCompanyBudget, type FrontBudgetOptions } from './company-budget';
import {
  memoryRateLimitStore,
  postgresRateLimitStore,
  type FrontRateLimitStore,
  type PostgresRateLimitStoreOptions,
} from './rate-limit-store';

/**
 * The budgets of every Front company this process calls, over one store. Create one per process
 * (Postgres-backed in services) and hand `forCompany(...)` to each FrontClient.
 */
export class FrontRateLimits {
  private readonly budgets = new Map<string, { budget: FrontCompanyBudget; signature: string }>();

  constructor(private readonly store: FrontRateLimitStore) {}

  /** Budgets kept in this process only (tests, single-process tools). */
  static memory(): FrontRateLimits {
    return new FrontRateLimits(memoryRateLimitStore());
  }

  /** Budgets kept in Postgres, shared by every process and replica on the same database. */
  static async postgres(options: PostgresRateLimitStoreOptions): Promise<FrontRateLimits> {
    return new FrontRateLimits(await postgresRateLimitStore(options));
  }

  /** The budget of one company (keyed by its `cmp_` id); the same object for the same settings. */
  forCompany(companyId: string, options: FrontBudgetOptions): FrontCompanyBudget {
    const signature = JSON.stringify([options.requestsPerMinute, options.windowMs ?? null, options.backgroundReserve ?? null]);
    const known = this.budgets.get(companyId);
    if (known && known.signature === signature) return known.budget;
    const windowMs = options.windowMs ?? 60_000;
    const budget = new FrontCompanyBudget(
      companyId,
      this.store.counter({ points: Math.floor(options.requestsPerMinute), windowMs }),
      options,
    );
    this.budgets.set(companyId, { budget, signature });
    return budget;
  }
}
