import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { describeInBrowser, launchBrowser, requireClientBuild, signInOnPage } from './support/browser.js';
import { postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

describeInBrowser('search in the inbox, in a browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    requireClientBuild();
    app = await startTestApp();
    browser = await launchBrowser();
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
    const page = await signInOnPage(await context.newPage(), app.baseUrl, 'agent1@rapport.test', { connected: false });
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
