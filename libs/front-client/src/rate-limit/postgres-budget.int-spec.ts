// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestDatabase, type TestDatabase } from '@front-agent/testing';
import { Pool } from 'pg';
import { FrontClient } from '../client/front-client';
import { FrontRateLimitedError } from '../errors/front-errors';
import { scripted, startFakeFront, type FakeFront } from '../test-support/fake-front-server';
import { withFakeRateLimit } from '../test-support/fake-rate-limit';
import { FrontRateLimits } from './front-rate-limits';

// Two "replicas" (separate pg pools, separate FrontRateLimits) sharing one company budget in Postgres.

const SCHEMA = 'front_limits';
let database: TestDatabase;
const pools: Pool[] = [];

async function replica(): Promise<FrontRateLimits> {
  const pool = new Pool({ connectionString: database.url, max: 4 });
  // Dropping the test database terminates connections that are still closing; that is expected here.
  pool.on('error', () => undefined);
  pools.push(pool);
  return FrontRateLimits.postgres({ pool, schemaName: SCHEMA, tableName: 'front_rate_limits' });
}

beforeAll(async () => {
  database = await createTestDatabase('front_client_budget');
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await database.drop();
});

describe('company budget in Postgres', () => {
  it('creates its table in the schema the caller names and keeps one row per company', async () => {
    const limits = await replica();
    await limits.forCompany('cmp_rows', { requestsPerMinute: 50 }).acquire('interactive', Date.now() + 1_000);
    const { rows } = await pools[0].query(`SELECT key, points FROM "${SCHEMA}"."front_rate_limits" WHERE key = 'front:cmp_rows'`);
    expect(rows).toEqual([{ key: 'front:cmp_rows', points: 1 }]);
  });

  it('is shared by replicas: together they never exceed the budget in a window', async () => {
    const [a, b] = [await replica(), await replica()];
    const options = { requestsPerMinute: 5, windowMs: 1_000 };
    const budgets = [a.forCompany('cmp_shared', options), b.forCompany('cmp_shared', options)];
    const started = Date.now();
    const grantedAt = await Promise.all(
      Array.from({ length: 15 }, (_, i) => budgets[i % 2].acquire('interactive', started + 10_000).then(() => Date.now() - started)),
    );
    const perWindow = [0, 0, 0, 0];
    for (const t of grantedAt) perWindow[Math.min(3, Math.floor(t / 1_000))] += 1;
    expect(perWindow.every((n) => n <= 5)).toBe(true);
    expect(Math.max(...grantedAt)).toBeGreaterThanOrEqual(1_900);
  });

  it('keeps budgets of different companies apart', async () => {
    const limits = await replica();
    const options = { requestsPerMinute: 1, windowMs: 5_000 };
    await limits.forCompany('cmp_one', options).acquire('interactive', Date.now() + 500);
    await expect(limits.forCompany('cmp_two', options).acquire('interactive', Date.now() + 500)).resolves.toEqual(expect.any(Number));
    await expect(limits.forCompany('cmp_one', options).acquire('interactive', Date.now() + 300)).rejects.toBeInstanceOf(FrontRateLimitedError);
  });

  it('keeps the reserve across replicas: background work elsewhere cannot starve interactive calls', async () => {
    const [worker, web] = [await replica(), await replica()];
    const options = { requestsPerMinute: 10, windowMs: 10_000, backgroundReserve: 0.3 };
    const sync = worker.forCompany('cmp_reserve', options);
    for (let i = 0; i < 7; i += 1) await sync.acquire('background', Date.now() + 1_000);
    await expect(sync.acquire('background', Date.now() + 300)).rejects.toBeInstanceOf(FrontRateLimitedError);
    const replies = web.forCompany('cmp_reserve', options);
    for (let i = 0; i < 3; i += 1) await replies.acquire('interactive', Date.now() + 1_000);
  });
});

describe('clients on a shared Postgres budget against a rate-limited Front', () => {
  let fake: FakeFront;
  afterEach(() => fake.close());

  it('finish 3N queued calls under a limit of N per window with zero 429s reaching the caller', async () => {
    const N = 5;
    const windowMs = 1_000;
    const limited = withFakeRateLimit(N, windowMs, scripted({ 'GET /me': [{ body: { id: 'cmp_e2e', name: 'Acme', _links: {} } }] }));
    fake = await startFakeFront(limited.handler);
    const clients = [await replica(), await replica()].map(
      (limits) => new FrontClient({ token: 'tok', baseUrl: fake.url, budget: limits.forCompany('cmp_e2e', { requestsPerMinute: N, windowMs }) }),
    );
    const results = await Promise.allSettled(Array.from({ length: 3 * N }, (_, i) => clients[i % 2].getMe({ deadlineMs: 15_000 })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(limited.stats.served).toBe(3 * N);
    // Windows of two independent clocks drift by a few ms; any 429 Front sends is waited out, never surfaced.
    expect(limited.stats.rejected).toBeLessThanOrEqual(N);
  });

  it('waits for the reset when Front reports the budget spent by someone else, instead of collecting 429s', async () => {
    const limited = withFakeRateLimit(3, 1_500, scripted({ 'GET /me': [{ body: { id: 'cmp_other', name: 'Acme', _links: {} } }] }));
    fake = await startFakeFront(limited.handler);
    const outsider = new FrontClient({ token: 'tok', baseUrl: fake.url });
    const started = Date.now();
    await outsider.getMe();
    await outsider.getMe();
    const limits = await replica();
    const client = new FrontClient({ token: 'tok', baseUrl: fake.url, budget: limits.forCompany('cmp_other', { requestsPerMinute: 3, windowMs: 1_500 }) });
    for (let i = 0; i < 3; i += 1) await client.getMe();
    expect(limited.stats).toEqual({ served: 5, rejected: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
  });
});
