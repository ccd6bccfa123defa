import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUILT_PAGE = resolve(__dirname, '../web/dist/index.html');

/**
 * Debian's Chromium, headless, for the dashboard's browser tests; refuses to
 * start when the page is not built. Returns the browser and the folder the
 * test's screenshots go to (test-results/<name>/).
 */
export async function launchDashboardBrowser(name: string): Promise<{ browser: Browser; shots: string }> {
  if (!existsSync(BUILT_PAGE)) throw new Error(`the dashboard is not built (${BUILT_PAGE}): run npm run build:web first`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  const shots = resolve(__dirname, '../../../test-results', name);
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return { browser, shots };
}

/** Opens the dashboard and signs in with an API key. */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A fresh browser profile on the dashboard at `baseURL`, collecting the page's own errors. */
export async function openDashboardPage(
  browser: Browser,
  baseURL: string,
  options: { stepTimeoutMs?: number; clipboard?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 900 },
    ...(options.clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(options.stepTimeoutMs ?? 15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, pageErrors };
}
