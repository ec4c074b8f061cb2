import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Conversation, Page as ListPage } from '@rapport/shared';
import { describeInBrowser, launchBrowser, requireClientBuild, signInNewContext } from './support/browser.js';
import { client, eventually, login, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

describeInBrowser('one customer across channels, in two browsers', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    requireClientBuild();
    app = await startTestApp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close(); // and every context opened in it
    await app?.close();
  });

  /** A signed-in inbox in a browser context of its own (its own storage: another person at another desk). */
  const signIn = (email: string): Promise<Page> => signInNewContext(browser, app.baseUrl, email, { viewport: { width: 1440, height: 900 } }, { list: true });

  async function open(page: Page, name: string): Promise<void> {
    const item = page.getByTestId('conversation-item').filter({ hasText: name });
    await item.waitFor({ timeout: 15000 });
    await item.click();
    await page.getByTestId('customer-panel').locator('.customer-name').filter({ hasText: name }).waitFor({ timeout: 10000 });
  }

  it('a lead merges two customers and the agent’s open thread shows the merged profile live', async () => {
    const manager = client(app.baseUrl, (await login(app.baseUrl, 'manager@rapport.test')).accessToken);
    expect((await postApiMessage(app.baseUrl, { id: 'web-1', from: { id: 'ada-web', name: 'Ada Lovelace' }, text: 'My order never arrived, can you help?' })).status).toBe(200);
    expect((await postApiMessage(app.baseUrl, { id: 'app-1', from: { id: 'ada-app', name: 'Ada L.' }, text: 'Writing from the app about my order too' })).status).toBe(200);
    await eventually(async () => (await manager.get<ListPage<Conversation>>('/api/conversations?limit=10')).body.items.length === 2, 15000, 'both conversations stored');

    const agent = await signIn('agent1@rapport.test');
    const lead = await signIn('lead@rapport.test');
    await open(agent, 'Ada Lovelace');
    const agentPanel = agent.getByTestId('customer-panel');
    await expect(agentPanel.getByTestId('customer-identity').count()).resolves.toBe(1);

    // The lead, on the other customer, finds Ada by name and merges her in.
    await open(lead, 'Ada L.');
    const leadPanel = lead.getByTestId('customer-panel');
    await leadPanel.getByTestId('merge-search').fill('Lovelace');
    await leadPanel.getByTestId('merge-result').filter({ hasText: 'Ada Lovelace' }).click();
    await leadPanel.getByTestId('merge-confirm').waitFor();
    await leadPanel.getByTestId('merge-confirm-button').click();
    await leadPanel.locator('[data-testid="customer-identity"]').nth(1).waitFor({ timeout: 10000 });
    await expect(leadPanel.getByTestId('customer-stats').textContent()).resolves.toContain('2 conversations');

    // The agent's thread never reloaded: its customer changed under it, with both accounts listed.
    await agentPanel.locator('[data-testid="customer-identity"]').nth(1).waitFor({ timeout: 10000 });
    await expect(agentPanel.getByTestId('customer-identity').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('ada-web'), expect.stringContaining('ada-app')]));
    await agentPanel.locator('.customer-name').filter({ hasText: 'Ada L.' }).waitFor();
    await agent.getByTestId('thread').getByText('My order never arrived, can you help?').waitFor();
    if (process.env.SCREENSHOT) await agent.screenshot({ path: process.env.SCREENSHOT });

    // And a split from the agent's side shows on the lead's panel just as live.
    const web = agentPanel.getByTestId('customer-identity').filter({ hasText: 'ada-web' });
    await web.getByTestId('identity-split').click();
    await web.getByTestId('identity-split-confirm').click();
    // Ada's conversation goes back to her own customer, and both panels follow.
    await agentPanel.locator('.customer-name').filter({ hasText: 'Ada Lovelace' }).waitFor({ timeout: 10000 });
    await eventually(async () => (await agentPanel.getByTestId('customer-identity').count()) === 1, 10000, 'the agent to see one account again');
    await eventually(async () => (await leadPanel.getByTestId('customer-identity').count()) === 1, 10000, 'the lead to see one account again');
  });
});
