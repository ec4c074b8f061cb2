import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLIENT_INDEX = resolve(import.meta.dirname, '../../client/dist/index.html');
const enabled = process.env.BROWSER_TESTS !== 'off' && existsSync(CHROMIUM);

(enabled ? describe : describe.skip)('the inbox in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CLIENT_INDEX)) throw new Error('client/dist is missing: run `npm run build -w client` (npm test does it)');
    app = await startTestApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('logs in, watches a customer message arrive live, and sends a reply that reaches sent', async () => {
    await page.goto(app.baseUrl);
    await page.getByTestId('login-email').fill('agent1@rapport.test');
    await page.getByTestId('login-password').fill('rapport-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('conversation-list').waitFor();
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor();

    // The message arrives while the page is open: no reload.
    expect((await postApiMessage(app.baseUrl, { id: 'browser-1', from: { id: 'cust-browser', name: 'Grace Hopper' }, text: 'The app crashes at checkout' })).status).toBe(200);
    const item = page.getByTestId('conversation-item').filter({ hasText: 'Grace Hopper' });
    await item.waitFor({ timeout: 10000 });
    await item.click();

    const thread = page.getByTestId('thread');
    await thread.getByText('The app crashes at checkout').waitFor();

    await page.getByTestId('composer-input').fill('Sorry Grace, a fix is on its way.');
    await page.getByTestId('composer-input').press('Enter');
    const reply = thread.locator('[data-testid="message"][data-direction="outbound"]').filter({ hasText: 'a fix is on its way' });
    await reply.waitFor();
    await thread.locator('[data-testid="message"][data-direction="outbound"][data-status="sent"]').filter({ hasText: 'a fix is on its way' }).waitFor({ timeout: 10000 });
    await expect(reply.count()).resolves.toBe(1);
    await expect(page.getByTestId('composer-input').inputValue()).resolves.toBe('');

    // A second customer message shows up in the open thread live.
    expect((await postApiMessage(app.baseUrl, { id: 'browser-2', from: { id: 'cust-browser', name: 'Grace Hopper' }, text: 'Thanks, waiting for it' })).status).toBe(200);
    await thread.getByText('Thanks, waiting for it').waitFor({ timeout: 10000 });
    // Read in the open thread: the unread badge clears.
    await item.locator('.unread-count').waitFor({ state: 'detached', timeout: 10000 });
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
  });
});
