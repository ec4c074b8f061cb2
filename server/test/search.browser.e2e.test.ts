import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';
import { postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLIENT_INDEX = resolve(import.meta.dirname, '../../client/dist/index.html');
const enabled = process.env.BROWSER_TESTS !== 'off' && existsSync(CHROMIUM);

(enabled ? describe : describe.skip)('search in the inbox, in a browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CLIENT_INDEX)) throw new Error('client/dist is missing: run `npm run build -w client` (npm test does it)');
    app = await startTestApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the matching message with the hit marked, as text', async () => {
    const text = 'Hallo, die <b>Kaffeemühle</b> leckt seit gestern und die Garantie läuft bald ab.';
    expect((await postApiMessage(app.baseUrl, { id: 'browser-search-1', from: { id: 'greta-k', name: 'Greta Krause' }, text })).status).toBe(200);
    expect((await postApiMessage(app.baseUrl, { id: 'browser-search-2', from: { id: 'greta-k', name: 'Greta Krause' }, text: 'Any news?' })).status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.baseUrl);
    await page.getByTestId('login-email').fill('agent1@rapport.test');
    await page.getByTestId('login-password').fill('rapport-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('conversation-item').filter({ hasText: 'Any news?' }).waitFor({ timeout: 15_000 });

    await page.getByTestId('conversation-search').fill('kaffeemuhle');
    const snippet = page.getByTestId('search-match');
    await snippet.waitFor({ timeout: 10_000 });
    await expect(snippet.locator('mark').allTextContents()).resolves.toEqual(['Kaffeemühle']);
    // The server's text is shown as text: the customer's "<b>" is not markup.
    await expect(snippet.textContent()).resolves.toContain('<b>Kaffeemühle</b>');
    await expect(snippet.locator('b').count()).resolves.toBe(0);

    await page.getByTestId('conversation-search').fill('');
    await page.getByTestId('conversation-item').filter({ hasText: 'Any news?' }).waitFor();
    await expect(page.getByTestId('search-match').count()).resolves.toBe(0);
    await context.close();
  }, 60_000);
});
