import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, Page } from 'playwright-core';
import { connectAmqpTransport } from '@front-agent/messaging';
import { createServiceApp, listenServiceApp, loadConfig } from '@front-agent/service-kit';
import { ResponderAppModule } from '../../ai-responder/src/app.module';
import { ResponderConfig } from '../../ai-responder/src/config';
import { launchDashboardBrowser, openDashboardPage, signIn } from './dashboard-browser';
import { callApi, startSettingsHarness, type SettingsHarness } from './settings-harness';

// The controls and "try it" on the dashboard in headless Chromium, against the real
// integration-settings and ai-responder on one database, broker and Front sandbox.
// Screenshots land in test-results/controls/.


let SHOTS = '';

describe('dashboard controls and "try it" (browser)', () => {
  let harness: SettingsHarness;
  let responder: NestFastifyApplication;
  let browser: Browser;

  beforeAll(async () => {
    harness = await startSettingsHarness();
    responder = await createServiceApp(ResponderAppModule.forRoot(loadConfig(ResponderConfig, { ...harness.env, KNOWLEDGE_SYNC_POLL_MS: '100' })), {
      configure: (nest) => {
        connectAmqpTransport(nest);
      },
    });
    await listenServiceApp(responder, 0);
    const connected = await callApi(harness, harness.adminKey, 'POST', '/v1/integrations/front/connect', { apiToken: 'sandbox-token' });
    expect(connected.status).toBe(200);
    await waitForKnowledge();
    ({ browser, shots: SHOTS } = await launchDashboardBrowser('controls'));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await responder?.close();
    await harness?.close();
  });

  /** Until ai-responder has indexed the sandbox's help center (try it answers from it). */
  async function waitForKnowledge(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const tried = await callApi(harness, harness.adminKey, 'POST', '/v1/integrations/front/try', { question: 'How do I reset my password?' });
      if (tried.body?.decision === 'reply') return;
      if (Date.now() > deadline) throw new Error(`knowledge not ready: ${JSON.stringify(tried.body)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  it('sets copilot mode, adds guidance and a restricted topic, and "try it" shows an answer with its sources', async () => {
    const { context, page, pageErrors } = await openDashboardPage(browser, harness.baseUrl);
    try {
      await signIn(page, harness.adminKey);
      await page.getByTestId('reply-mode').waitFor();

      await page.getByTestId('reply-mode').selectOption('copilot');
      await page.getByTestId('controls-status').filter({ hasText: 'Reply mode: copilot' }).waitFor();
      await page.getByTestId('guidance').fill('Greeting: "Hello from Sandbox Co!"');
      await page.getByTestId('save-guidance').click();
      await page.getByTestId('controls-status').filter({ hasText: '1 guidance entry' }).waitFor();
      await page.getByTestId('topic-name').fill('legal');
      await page.getByTestId('topic-description').fill('Lawsuits and legal threats');
      await page.getByTestId('topic-examples').fill('I will sue you, talk to my lawyer');
      await page.getByTestId('add-topic').click();
      await page.getByTestId('restricted-topics').filter({ hasText: 'legal' }).waitFor();
      await shot(page, '01-controls-saved');

      const saved = await callApi(harness, harness.adminKey, 'GET', '/v1/integrations/front');
      expect(saved.body).toMatchObject({
        replyMode: 'copilot', guidance: ['Greeting: "Hello from Sandbox Co!"'], guidanceVersion: 1,
        restrictedTopics: [{ name: 'legal', description: 'Lawsuits and legal threats', examples: ['I will sue you', 'talk to my lawyer'] }],
      });

      await page.getByTestId('try-question').fill('How do I reset my password?');
      await page.getByTestId('try-ask').click();
      await page.getByTestId('try-answer').waitFor();
      expect(await page.getByTestId('try-decision').textContent()).toContain('reply');
      expect(await page.getByTestId('try-answer').textContent()).toContain('Hello from Sandbox Co!');
      expect(await page.getByTestId('try-sources').textContent()).toContain('How to reset your password');
      await shot(page, '02-try-it-answer');

      await page.getByTestId('try-question').fill('Fix it or I will sue you');
      await page.getByTestId('try-ask').click();
      await page.getByTestId('try-decision').filter({ hasText: 'restricted_topic:legal' }).waitFor();
      await shot(page, '03-try-it-restricted');
      expect(harness.sandbox.control.record().drafts).toHaveLength(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
