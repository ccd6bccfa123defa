// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestDatabase, startFrontSandbox, type FrontSandbox, type TestDatabase } from '@front-agent/testing';
import { Pool } from 'pg';
import { FrontClient } from './client/front-client';
import { FrontRateLimits } from './rate-limit/front-rate-limits';

// The sandbox's company budget is per calendar minute. Its clock is injectable, so here a sandbox minute
// lasts 2 real seconds (SPEED 30) and our budget's window is 2 s too: the test takes seconds, not minutes.
// Sandbox minutes begin at realStart + k * 2 s; our windows open at the first call after realStart, so
// ours always open a little after the sandbox's and never overlap two of them.

const SPEED = 30;
const WINDOW_MS = 60_000 / SPEED;
const N = 4;

let sandbox: FrontSandbox;
let database: TestDatabase;
const pools: Pool[] = [];

async function replicaClient(companyId: string): Promise<FrontClient> {
  const pool = new Pool({ connectionString: database.url, max: 4 });
  pool.on('error', () => undefined);
  pools.push(pool);
  const limits = await FrontRateLimits.postgres({ pool, schemaName: 'front_limits' });
  const budget = limits.forCompany(companyId, { requestsPerMinute: N, windowMs: WINDOW_MS, backgroundReserve: 0.25 });
  return new FrontClient({ token: 'sandbox-token', baseUrl: sandbox.url, budget });
}

beforeAll(async () => {
  database = await createTestDatabase('front_client_sandbox_limits');
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await database.drop();
});

beforeEach(async () => {
  const realStart = Date.now();
  const sandboxStart = Math.floor(realStart / 60_000) * 60_000;
  sandbox = await startFrontSandbox({ seed: 'default', now: () => sandboxStart + (Date.now() - realStart) * SPEED });
  sandbox.control.setRateLimit({ enabled: true, perMinute: N });
});
afterEach(() => sandbox.close());

describe('the shared budget against the sandbox rate limit', () => {
  it(`finishes 3N queued calls from two replicas under N=${N} per minute with zero 429s`, async () => {
    const replicas = [await replicaClient('cmp_sandbox_a'), await replicaClient('cmp_sandbox_a')];
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 3 * N }, (_, i) => replicas[i % 2].getMe({ deadlineMs: 20_000 })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(sandbox.control.record().counts.rateLimited).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * WINDOW_MS - 100);
  });

  it('serves interactive calls before background work that queued first', async () => {
    const client = await replicaClient('cmp_sandbox_b');
    const started = Date.now();
    const background = Array.from({ length: 2 * N }, () => client.listChannels({ priority: 'background', deadlineMs: 20_000 }).then(() => Date.now() - started));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const interactive = Array.from({ length: N }, () => client.getMe({ deadlineMs: 20_000 }).then(() => Date.now() - started));
    const [bg, ui] = [await Promise.all(background), await Promise.all(interactive)];
    expect(Math.max(...ui)).toBeLessThan(Math.max(...bg));
    expect(sandbox.control.record().counts.rateLimited).toBe(0);
  });
});
