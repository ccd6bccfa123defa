import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { connectAmqpTransport } from '@front-agent/messaging';
import { createServiceApp, listenServiceApp, loadConfig } from '@front-agent/service-kit';
import { SyncAppModule } from '../../conversation-sync/src/app.module';
import { SyncConfig } from '../../conversation-sync/src/config';
import { launchDashboardBrowser, openDashboardPage, signIn } from './dashboard-browser';
import { callApi, startSettingsHarness, type SettingsHarness } from './settings-harness';

// The troubleshooting panel's reply latency and dead letters in headless Chromium,
// against integration-settings and conversation-sync on one database and broker.
// Needs `npm run build:web`. Screenshots land in test-results/status-panel/.

let SHOTS = '';

describe('status panel: reply latency and dead letters (browser)', () => {
  let harness: SettingsHarness;
  let sync: NestFastifyApplication;
  let browser: Browser;
  let integrationId: string;

  beforeAll(async () => {
    harness = await startSettingsHarness();
    sync = await createServiceApp(SyncAppModule.forRoot(loadConfig(SyncConfig, { ...harness.env, RECONCILE_INTERVAL_SECONDS: '0', OUTCOME_REVIEW_INTERVAL_SECONDS: '0' })), {
      configure: (nest) => void connectAmqpTransport(nest),
    });
    await listenServiceApp(sync, 0);
    ({ browser, shots: SHOTS } = await launchDashboardBrowser('status-panel'));
    const connected = await callApi(harness, harness.adminKey, 'POST', '/v1/integrations/front/connect', { apiToken: 'sandbox-token' });
    expect(connected.status).toBe(200);
    integrationId = connected.body.id;
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await sync?.close();
    await harness?.close();
  });

  it('says plainly when there is nothing yet, then shows p50/p95 and the dead letters per queue with their list', async () => {
    const { context, page, pageErrors } = await openDashboardPage(browser, harness.baseUrl);
    try {
      await signIn(page, harness.adminKey);
      const panel = page.getByTestId('status-panel');
      await panel.waitFor();
      const latency = page.getByTestId('reply-latency');
      expect(await latency.textContent()).toBe('No AI replies in the last 24 hours');
      expect(await page.getByTestId('dead-letters-none').textContent()).toBe('None: every event was processed');
      await panel.screenshot({ path: join(SHOTS, '01-nothing-yet.png') });

      await seedReplies(sync.get(DataSource), harness.orgId, integrationId, [1_000, 2_000, 3_000]);
      await seedDeadLetters(harness.app.get(DataSource), harness.orgId);
      await page.getByTestId('status-refresh').click();

      // percentile_cont over 1000, 2000, 3000 ms: p50 2000; p95 at 0.95 × 2 = 1.9, so 2000 + 0.9 × 1000
      await latency.filter({ hasText: 'p50' }).waitFor();
      expect(await latency.textContent()).toBe('p50 2,000 ms · p95 2,900 ms');
      expect(await page.getByTestId('status-latency').textContent()).toContain('Replies measured3');
      const queues = page.getByTestId('dead-letter-queue');
      expect(await queues.evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('data-queue'), node.querySelector('.badge')?.textContent]))).toEqual([
        ['conversation-sync.events', '2'],
        ['ai-responder.events', '1'],
      ]);
      await panel.screenshot({ path: join(SHOTS, '02-latency-and-dead-letters.png') });

      await page.getByRole('button', { name: 'Show dead letters of conversation-sync.events' }).click();
      const list = page.getByTestId('dead-letter-list');
      await list.waitFor();
      const items = await list.locator('li').allTextContents();
      expect(items).toHaveLength(3); // the two waiting and the one already replayed
      expect(items.filter((item) => item.includes('session row lock timed out'))).toHaveLength(2);
      expect(items.filter((item) => item.includes('replayed'))).toHaveLength(1);
      expect(items.join('\n')).not.toContain('Front API 500');
      await page.getByTestId('status-dead-letters').screenshot({ path: join(SHOTS, '03-dead-letter-list.png') });
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

/** AI replies of the last hour with their measured webhook-to-Front latency, as conversation-sync records them. */
async function seedReplies(db: DataSource, orgId: string, integrationId: string, latenciesMs: number[]): Promise<void> {
  await db.query(
    `INSERT INTO sync.sessions (id, org_id, integration_id, conversation_id, channel, first_inbound_at) VALUES ('ses_lat_1', $1, $2, 'cnv_lat_1', 'email', now())`,
    [orgId, integrationId],
  );
  for (const endToEndMs of latenciesMs) {
    await db.query(`INSERT INTO sync.session_timeline (org_id, session_id, kind, summary, details) VALUES ($1, 'ses_lat_1', 'ai', 'AI replied', $2)`, [
      orgId,
      { outcome: 'replied', endToEndMs },
    ]);
  }
  // Older than 24 h: not part of the figures.
  await db.query(
    `INSERT INTO sync.session_timeline (org_id, session_id, kind, summary, details, at) VALUES ($1, 'ses_lat_1', 'ai', 'AI replied', $2, now() - interval '2 days')`,
    [orgId, { outcome: 'replied', endToEndMs: 60_000 }],
  );
}

/** Dead letters as settings stores them from `deadletter.recorded`: two queues, one letter already replayed. */
async function seedDeadLetters(db: DataSource, orgId: string): Promise<void> {
  const letters: Array<[string, string, string, string, string | null]> = [
    ['dl_1', 'conversation-sync', 'conversation-sync.events', 'session row lock timed out', null],
    ['dl_2', 'conversation-sync', 'conversation-sync.events', 'session row lock timed out', null],
    ['dl_3', 'conversation-sync', 'conversation-sync.events', 'integration unknown', new Date().toISOString()],
    ['dl_4', 'ai-responder', 'ai-responder.events', 'Front API 500', null],
  ];
  for (const [id, service, queue, error, replayedAt] of letters) {
    await db.query(
      `INSERT INTO settings.dead_letters (id, org_id, service, queue, routing_key, exchange, kind, error, attempts, replayed_at, replay_count)
       VALUES ($1, $2, $3, $4, 'front.inbound', 'front.events', 'event', $5, 5, $6, $7)`,
      [id, orgId, service, queue, error, replayedAt, replayedAt ? 1 : 0],
    );
  }
}
