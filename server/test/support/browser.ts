import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe } from '@jest/globals';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { PASSWORD } from './test-app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Browser tests run unless BROWSER_TESTS=off, and only where there is a chromium to drive. */
export const browserTestsEnabled = process.env.BROWSER_TESTS !== 'off' && existsSync(CHROMIUM);
/** `describe` for a suite that needs the browser: skipped when browser tests are off. */
export const describeInBrowser = browserTestsEnabled ? describe : describe.skip;
/** The client build the app serves by default. */
export const CLIENT_DIST = resolve(import.meta.dirname, '../../../client/dist');

/** Fails the suite early when the client build the app would serve is missing. */
export function requireClientBuild(clientDist = CLIENT_DIST): void {
  if (!existsSync(resolve(clientDist, 'index.html'))) throw new Error('client/dist is missing: run `npm run build -w client` (npm test does it)');
}

/** Headless chromium, with nothing of its own running in the background. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface SignInOptions {
  /** Wait for the conversation list once the form is sent (default: no). */
  list?: boolean;
  /** Then wait for the socket to show as connected (default: yes). */
  connected?: boolean;
}

/** Opens `url` on `page`, signs in there as a demo user and waits for what `options` ask; answers the page. */
export async function signInOnPage(page: Page, url: string, email: string, { list = false, connected = true }: SignInOptions = {}): Promise<Page> {
  await page.goto(url);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  if (list) await page.getByTestId('conversation-list').waitFor();
  if (connected) await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor();
  return page;
}

/**
 * Signs in as `email` in a browser context of its own (its own storage: another person at another desk).
 * The context closes with the browser.
 */
export async function signInNewContext(browser: Browser, url: string, email: string, context: BrowserContextOptions, options?: SignInOptions): Promise<Page> {
  return signInOnPage(await (await browser.newContext(context)).newPage(), url, email, options);
}
