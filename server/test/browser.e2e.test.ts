import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Agent } from '@rapport/shared';
import { describeInBrowser, launchBrowser, requireClientBuild, signInOnPage } from './support/browser.js';
import { client, eventually, login, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

describeInBrowser('the inbox in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    requireClientBuild();
    app = await startTestApp();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('logs in, watches a customer message arrive live, and sends a reply that reaches sent', async () => {
    await signInOnPage(page, app.baseUrl, 'agent1@rapport.test', { list: true });

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

    // Going away stops new work from being routed to this agent; leads see it.
    await page.getByTestId('availability-toggle').click();
    await page.locator('[data-testid="availability-toggle"][data-availability="away"]').waitFor();
    const lead = await login(app.baseUrl, 'lead@rapport.test');
    await eventually(async () => {
      const agents = (await client(app.baseUrl, lead.accessToken).get<Agent[]>('/api/agents')).body;
      return agents.find((a) => a.email === 'agent1@rapport.test')?.presence === 'away';
    }, 5000, 'the lead to see agent1 away');
  });

  it('shows a lead the team with live presence and load, and lets them reassign', async () => {
    const leadPage = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    try {
      await signInOnPage(leadPage, app.baseUrl, 'lead@rapport.test', { connected: false });
      await leadPage.getByTestId('nav-team').click();
      await leadPage.getByTestId('team-view').waitFor();
      await leadPage.getByTestId('agent-row').first().waitFor();
      await expect(leadPage.getByTestId('agent-row').count()).resolves.toBeGreaterThanOrEqual(4);
      // agent1's page is still connected (away): presence shows live in the team view.
      await leadPage.locator('[data-testid="agent-row"][data-presence="away"]').first().waitFor({ timeout: 5000 });

      await leadPage.getByTestId('nav-inbox').click();
      await leadPage.getByTestId('conversation-item').filter({ hasText: 'Grace Hopper' }).click();
      const bea = (await leadPage.getByTestId('assignee-select').locator('option').allTextContents()).find((o) => o.startsWith('Bea Lindqvist'));
      expect(bea).toBeDefined();
      await leadPage.getByTestId('assignee-select').selectOption({ label: bea! });
      await leadPage.getByTestId('timeline-assignment').filter({ hasText: 'Bea Lindqvist' }).waitFor({ timeout: 10000 });
    } finally {
      await leadPage.close();
    }
  });
});
