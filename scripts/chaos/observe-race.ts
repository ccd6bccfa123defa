/**
 * Reproduces the budget bug test:chaos and bench:e2e ran into (node -r @swc-node/register
 * scripts/chaos/observe-race.ts): FrontCompanyBudget.observe() reads the counter, then adds
 * the whole difference to Front's `x-ratelimit-remaining` as a penalty. Several responses
 * observed at once each add the full difference, so the budget is over-charged N times and
 * closes for the rest of its window; every waiter whose deadline is sooner fails at once
 * ("no budget before the call deadline").
 */
import { FrontCompanyBudget, memoryRateLimitStore } from '@front-agent/front-client';

async function main() {
  const counter = memoryRateLimitStore().counter({ points: 10_000, windowMs: 60_000 });
  const budget = new FrontCompanyBudget('cmp', counter, { requestsPerMinute: 10_000 });
  for (let i = 0; i < 10; i += 1) await budget.acquire('interactive', Date.now() + 20_000);
  console.log('consumed before', (await counter.get('cmp'))?.consumedPoints);
  // Front says 8,000 remain (other clients used 1,990 more): 8 responses observed at once.
  await Promise.all(Array.from({ length: 8 }, () => budget.observe({ remaining: 8_000, limit: 10_000 } as never)));
  console.log('consumed after 8 concurrent observes of remaining=8000 (expected ~2000):', (await counter.get('cmp'))?.consumedPoints);
  const started = Date.now();
  await budget.acquire('interactive', Date.now() + 20_000).then(() => console.log('acquired'), (e: Error) => console.log('acquire failed after', Date.now() - started, 'ms:', e.message));
}
main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
