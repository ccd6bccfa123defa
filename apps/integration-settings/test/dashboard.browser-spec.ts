import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchDashboardBrowser, openDashboardPage } from './dashboard-browser';
import { callApi, startSettingsHarness, type SettingsHarness } from './settings-harness';

// The dashboard page in headless Chromium against the real integration-settings app,
// a fresh database and the Front sandbox. The page must be built first:
//   npm run build:web && npx jest apps/integration-settings/test/dashboard.browser-spec.ts
// Screenshots of every step land in test-results/dashboard/.

const STEP_TIMEOUT = 15_000;

describe('dashboard page (browser)', () => {
  let harness: SettingsHarness;
  let browser: Browser;
  let SHOTS: string;

  beforeAll(async () => {
    const [started, launched] = await Promise.all([startSettingsHarness(), launchDashboardBrowser('dashboard')]);
    harness = started;
    ({ browser, shots: SHOTS } = launched);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  /** A fresh browser profile on the dashboard, collecting the page's own errors. */
  async function openPage(): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
    const opened = await openDashboardPage(browser, harness.baseUrl, { stepTimeoutMs: STEP_TIMEOUT, clipboard: true });
    await opened.page.goto('/');
    return opened;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  async function signIn(page: Page, key: string): Promise<void> {
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('refuses an unknown API key and explains a revoked Front token', async () => {
    const { context, page, pageErrors } = await openPage();
    try {
      await signIn(page, 'fa_not_a_key');
      const signInError = page.getByTestId('sign-in-error');
      await signInError.filter({ hasText: 'not accepted' }).waitFor();
      await shot(page, 'error-01-unknown-key');

      await signIn(page, harness.adminKey);
      await page.getByTestId('connect-form').waitFor();
      await page.getByLabel('Front API token').fill('sandbox-token-revoked');
      await page.getByRole('button', { name: 'Connect' }).click();
      const connectError = page.getByTestId('connect-error');
      await connectError.waitFor();
      expect(await connectError.getAttribute('data-code')).toBe('token_invalid');
      expect(await connectError.textContent()).toContain('Front rejected this token');
      await shot(page, 'error-02-revoked-token');

      // Nothing was connected.
      expect((await callApi(harness, harness.adminKey, 'GET', '/v1/integrations/front')).status).toBe(404);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('signs in, connects, picks the AI teammate, handles unassigned, copies the webhook URL and disconnects', async () => {
    const { context, page, pageErrors } = await openPage();
    try {
      // 1. Sign in with an admin key: nothing is connected yet.
      await signIn(page, harness.adminKey);
      await page.getByTestId('connect-form').waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('front-agent.apiKey'))).toBe(harness.adminKey);
      await shot(page, '01-signed-in');

      // 2. Connect with the sandbox token.
      await page.getByLabel('Front API token').fill('sandbox-token');
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.getByTestId('company-name').waitFor();
      const connected = await callApi(harness, harness.adminKey, 'GET', '/v1/integrations/front');
      expect(connected.status).toBe(200);
      expect(await page.getByTestId('company-name').textContent()).toBe(connected.body.frontCompany.name);
      expect(await page.getByTestId('connection-badge').textContent()).toBe('Connected');
      await shot(page, '02-connected');

      // 3. Pick the AI teammate; the blocked teammate is listed but cannot be chosen.
      const picker = page.getByLabel('Teammate the AI replies as');
      await picker.locator('option[value="tea_ai"]').waitFor({ state: 'attached' });
      const blocked = picker.locator('option[value="tea_blocked"]');
      expect(await blocked.getAttribute('disabled')).not.toBeNull();
      expect(await blocked.textContent()).toContain('blocked');
      await picker.selectOption('tea_ai');
      await page.getByRole('button', { name: 'Save teammate' }).click();
      await page.getByTestId('teammate-status').filter({ hasText: 'Saved' }).waitFor();
      await page.getByTestId('teammate-current').filter({ hasText: 'Ava AI' }).waitFor();
      expect((await callApi(harness, harness.adminKey, 'GET', '/v1/integrations/front')).body.aiTeammateId).toBe('tea_ai');
      await shot(page, '03-teammate-picked');

      // 4. Turn on "Handle unassigned conversations" (off by default).
      const handleUnassigned = page.getByRole('switch', { name: 'Handle unassigned conversations' });
      expect(await handleUnassigned.isChecked()).toBe(false);
      await handleUnassigned.click();
      await page.getByTestId('behaviour-status').filter({ hasText: 'Saved' }).waitFor();
      expect(await handleUnassigned.isChecked()).toBe(true);
      const afterToggle = await callApi(harness, harness.adminKey, 'GET', '/v1/integrations/front');
      expect(afterToggle.body.handleUnassigned).toBe(true);
      expect(afterToggle.body.enabled).toBe(true);
      await shot(page, '04-handle-unassigned-on');

      // 5. Copy the webhook URL: the clipboard holds exactly the API's webhookUrl.
      expect(await page.getByLabel('Webhook URL').inputValue()).toBe(afterToggle.body.webhookUrl);
      await page.getByRole('button', { name: 'Copy' }).click();
      await page.getByTestId('copy-status').filter({ hasText: 'Copied' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(afterToggle.body.webhookUrl);
      await shot(page, '05-webhook-url-copied');

      // 6. Disconnect, after confirming in the dialog.
      await page.getByRole('button', { name: 'Disconnect…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Disconnect Front?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('The AI stops at once; sessions and transcripts stay readable.');
      await page.screenshot({ path: join(SHOTS, '06-disconnect-dialog.png') });
      await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();

      // 7. The connect form is back, and the API agrees.
      await page.getByTestId('connect-form').waitFor();
      expect(await page.getByLabel('Front API token').isVisible()).toBe(true);
      const after = await callApi(harness, harness.adminKey, 'GET', '/v1/integrations/front');
      expect(after.status).toBe(404);
      expect(after.body.error.code).toBe('not_connected');
      await shot(page, '07-disconnected');

      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('turns read-only for a member key once the server refuses a change', async () => {
    const connect = await callApi(harness, harness.adminKey, 'POST', '/v1/integrations/front/connect', { apiToken: 'sandbox-token' });
    expect(connect.status).toBe(200);
    const { context, page, pageErrors } = await openPage();
    try {
      await signIn(page, harness.memberKey);
      await page.getByTestId('company-name').waitFor();
      const enabled = page.getByRole('switch', { name: 'Enabled' });
      await enabled.click();
      await page.getByTestId('behaviour-status').filter({ hasText: 'admin' }).waitFor();
      await page.getByTestId('read-only-note').waitFor();
      expect(await enabled.isChecked()).toBe(true); // the refused change was rolled back
      expect(await enabled.isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Disconnect…' }).isDisabled()).toBe(true);
      expect((await callApi(harness, harness.adminKey, 'GET', '/v1/integrations/front')).body.enabled).toBe(true);
      await shot(page, 'member-read-only');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
      await callApi(harness, harness.adminKey, 'DELETE', '/v1/integrations/front');
    }
  }, 60_000);
});
