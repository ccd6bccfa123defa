import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

/** The part of a rate-limiter-flexible limiter that the company budget uses. */
export interface RateLimitCounter {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  reward(key: string, points?: number): Promise<RateLimiterRes>;
  penalty(key: string, points?: number): Promise<RateLimiterRes>;
  block(key: string, secDuration: number): Promise<RateLimiterRes>;
  /** Sets the points consumed in a window that ends in `secDuration` seconds. */
  set(key: string, points: number, secDuration: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
}

/** Where budgets live: Postgres in production (shared by every replica), memory in unit tests. */
export interface FrontRateLimitStore {
  /** A counter allowing `points` per `windowMs`; counters with the same key share state across the store. */
  counter(options: { points: number; windowMs: number }): RateLimitCounter;
}

/** Process-local store: fine for one process and for tests; replicas do not see each other. */
export function memoryRateLimitStore(): FrontRateLimitStore {
  const counters = new Map<string, RateLimiterMemory>();
  return {
    counter({ points, windowMs }) {
      const id = `${points}/${windowMs}`;
      let counter = counters.get(id);
      if (!counter) {
        counter = new RateLimiterMemory({ points, duration: windowMs / 1000, keyPrefix: 'front' });
        counters.set(id, counter);
      }
      return counter;
    },
  };
}

/** Where the Postgres store keeps its rows. */
export interface PostgresRateLimitStoreOptions {
  pool: Pool;
  /** Schema of the table; created if missing. Default `public`. */
  schemaName?: string;
  /** Table name; created if missing. Default `front_rate_limits`. */
  tableName?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Store shared by every process that uses the same database: one row per company (`front:<cmp_id>`),
 * updated atomically by rate-limiter-flexible's upsert. Creates the schema and table once.
 */
export async function postgresRateLimitStore(options: PostgresRateLimitStoreOptions): Promise<FrontRateLimitStore> {
  const schemaName = options.schemaName ?? 'public';
  const tableName = options.tableName ?? 'front_rate_limits';
  for (const [what, name] of [['schemaName', schemaName], ['tableName', tableName]]) {
    if (!IDENTIFIER.test(name)) throw new Error(`postgresRateLimitStore: ${what} must be a lower-case SQL identifier`);
  }
  await options.pool.query(`CREATE SCHEMA IF NOT EXISTS "${schemaName}"`).catch((error: { code?: string }) => {
    // Two processes creating the schema at once: the loser sees a unique violation; the schema exists.
    if (error.code !== '23505') throw error;
  });
  const base = { storeClient: options.pool, storeType: 'pool', schemaName, tableName, keyPrefix: 'front' };
  await new Promise<void>((resolve, reject) => {
    new RateLimiterPostgres({ ...base, points: 1, duration: 1, clearExpiredByTimeout: false }, (error) =>
      error ? reject(error) : resolve(),
    );
  });
  return {
    counter({ points, windowMs }) {
      const duration = windowMs / 1000;
      return new RateLimiterPostgres({
        ...base,
        points,
        duration,
        tableCreated: true,
        clearExpiredByTimeout: false,
        // If Postgres is down, each process falls back to its own in-memory budget (429s are still handled).
        insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix: 'front' }),
      });
    },
  };
}

/** True when a limiter rejected with "no points left" rather than with a store failure. */
export function isRateLimiterRes(value: unknown): value is RateLimiterRes {
  return value instanceof RateLimiterRes;
}
