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

// "Why?" and the outcomes page in headless Chromium, against integration-settings
// and conversation-sync on one database and broker. Needs `npm run build:web`.
// Screenshots land in test-results/why-and-analytics/.


let SHOTS = '';

describe('why? and outcomes pages (browser)', () => {
  let harness: SettingsHarness;
  let sync: NestFastifyApplication;
  let browser: Browser;

  beforeAll(async () => {
    harness = await startSettingsHarness();
    sync = await createServiceApp(SyncAppModule.forRoot(loadConfig(SyncConfig, { ...harness.env, RECONCILE_INTERVAL_SECONDS: '0', OUTCOME_REVIEW_INTERVAL_SECONDS: '0' })), {
      configure: (nest) => void connectAmqpTransport(nest),
    });
    await listenServiceApp(sync, 0);
    ({ browser, shots: SHOTS } = await launchDashboardBrowser('why-and-analytics'));
    expect((await callApi(harness, harness.adminKey, 'POST', '/v1/integrations/front/connect', { apiToken: 'sandbox-token' })).status).toBe(200);
    await seedConversation(sync.get(DataSource), harness.orgId);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await sync?.close();
    await harness?.close();
  });

  it('finds a conversation by its id and shows its timeline, then renders the outcome charts', async () => {
    const { context, page, pageErrors } = await openDashboardPage(browser, harness.baseUrl);
    try {
      await signIn(page, harness.adminKey);
      await page.getByTestId('section-why').waitFor();

      await page.getByRole('textbox', { name: 'Find a conversation' }).fill('cnv_why_1');
      await page.getByRole('button', { name: 'Find', exact: true }).click();
      const timeline = page.getByTestId('why-timeline');
      await timeline.waitFor();
      expect(await page.getByTestId('why-outcome').textContent()).toContain('handed_off: customer_asked_for_human');
      const text = await timeline.textContent();
      expect(text).toContain('silent: assigned to another teammate');
      expect(text).toContain('rule: assigned to another teammate');
      expect(text).toContain('article “Reset your password” score 0.82');
      expect(text).toContain('step retrieve: 4 ms');
      expect(text).toContain('Front POST /conversations/cnv_why_1/comments → 201');
      await page.getByTestId('section-why').screenshot({ path: join(SHOTS, '01-why-timeline.png') });

      await page.getByRole('textbox', { name: 'Find a conversation' }).fill('printer');
      await page.getByRole('button', { name: 'Find', exact: true }).click();
      await page.getByTestId('why-timeline').filter({ hasText: 'cnv_why_1' }).waitFor();

      const analytics = page.getByTestId('analytics');
      await analytics.waitFor();
      expect(await page.getByTestId('chart').count()).toBe(6);
      expect(await analytics.locator('svg rect').count()).toBeGreaterThan(0);
      expect(await page.getByRole('img', { name: /Handoffs by reason: customer_asked_for_human 1/ }).count()).toBe(1);
      // The seeded drafts: two sent unchanged, one edited (a quarter changed), one discarded.
      const drafts = page.getByRole('img', { name: 'Copilot drafts: sent unchanged 2, sent edited 1, discarded 1' });
      expect(await drafts.count()).toBe(1);
      expect(await drafts.locator('rect').count()).toBe(3);
      expect(await page.getByTestId('copilot-median-edit').textContent()).toBe('Edited drafts: a median of 25% of the characters changed.');
      await page.getByTestId('section-analytics').screenshot({ path: join(SHOTS, '02-analytics.png') });
      await page.getByTestId('chart').filter({ hasText: 'Copilot drafts' }).screenshot({ path: join(SHOTS, '03-copilot-drafts.png') });
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

async function seedConversation(db: DataSource, orgId: string): Promise<void> {
  const now = Date.now();
  await db.query(
    `INSERT INTO sync.sessions (id, org_id, integration_id, conversation_id, channel, status, outcome, outcome_reason, handoff_reason,
       first_inbound_at, handed_off_at, last_inbound_at)
     VALUES ('ses_why_1', $1, 'int_x', 'cnv_why_1', 'email', 'handed_off', 'handed_off', 'customer_asked_for_human', 'customer_asked_for_human', $2, $2, $2)`,
    [orgId, new Date(now - 60_000)],
  );
  await db.query(
    `INSERT INTO sync.transcript_entries (org_id, session_id, front_message_id, kind, direction, author_kind, author_handle, text, emitted_at)
     VALUES ($1, 'ses_why_1', 'msg_why_1', 'message', 'inbound', 'customer', 'why@customer.test', 'My printer will not print', $2)`,
    [orgId, (now - 60_000) / 1000],
  );
  const entries: Array<[string, string, Record<string, unknown>]> = [
    ['event', 'inbound by why@customer.test', { type: 'inbound' }],
    ['decision', 'silent: assigned to another teammate', { rule: 'assigned to another teammate', assigneeId: 'tea_bob' }],
    ['decision', 'reply requested from the AI', {}],
    [
      'ai',
      'AI handed off to the team: customer_asked_for_human',
      {
        outcome: 'handed-off',
        latencyMs: 37,
        trail: {
          responder: 'embedded',
          guidanceVersion: 3,
          retrieved: [{ articleId: 'a1', title: 'Reset your password', score: 0.82 }],
          checks: [{ name: 'no_internal_text', passed: true }],
          steps: [{ name: 'retrieve', ms: 4 }, { name: 'compose', ms: 9 }],
          frontCalls: [{ call: 'POST /conversations/cnv_why_1/comments', status: 201 }],
        },
      },
    ],
    ['outcome', 'outcome in_progress → handed_off (customer_asked_for_human)', { from: 'in_progress', to: 'handed_off' }],
  ];
  for (const [kind, summary, details] of entries) {
    await db.query(`INSERT INTO sync.session_timeline (org_id, session_id, kind, summary, details) VALUES ($1, 'ses_why_1', $2, $3, $4)`, [orgId, kind, summary, details]);
  }
  const drafts: Array<[string, string, number | null]> = [
    ['drf_1', 'sent_unchanged', 0],
    ['drf_2', 'sent_unchanged', 0],
    ['drf_3', 'sent_edited', 0.25],
    ['drf_4', 'discarded', null],
  ];
  for (const [draftId, fate, editRatio] of drafts) {
    await db.query(
      `INSERT INTO sync.copilot_drafts (org_id, draft_id, integration_id, conversation_id, fate, edit_ratio, settled_at) VALUES ($1, $2, 'int_x', 'cnv_why_1', $3, $4, now())`,
      [orgId, draftId, fate, editRatio],
    );
  }
}
