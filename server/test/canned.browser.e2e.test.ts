import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { SIMULATED_ACCOUNTS } from '../src/simulator/accounts.js';
import { describeInBrowser, launchBrowser, requireClientBuild, signInOnPage } from './support/browser.js';
import { API_SECRET, client, login, startTestApp, type TestApp } from './support/test-app.js';

const X_SECRET = 'x-consumer-secret-for-canned-browser';
const FILLED = 'Hi Grace, sorry your parcel is late. Alex Moreno here: I am on it.';

describeInBrowser('canned replies and channel rules in a real browser', () => {
  let app: TestApp;
  let sim: Simulator;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    requireClientBuild();
    app = await startTestApp({ X_CONSUMER_SECRET: X_SECRET });
    sim = await startSimulator({ rapportUrl: app.baseUrl, secrets: { metaAppSecret: 'unused', xConsumerSecret: X_SECRET, apiChannelSecret: API_SECRET, apiChannelKey: 'demo' }, traffic: false });
    const admin = client(app.baseUrl, (await login(app.baseUrl, 'admin@rapport.test')).accessToken);
    const lead = client(app.baseUrl, (await login(app.baseUrl, 'lead@rapport.test')).accessToken);
    const careId = (await lead.get<{ teamIds: string[] }>('/api/auth/me')).body.teamIds[0]!;
    // An X account: public replies there take 280 characters.
    expect((await admin.post('/api/channels', { kind: 'x', name: 'X', teamId: careId, config: { ...SIMULATED_ACCOUNTS.x, pollIntervalSeconds: 1, apiBaseUrl: sim.url } })).status).toBe(201);
    expect((await lead.post('/api/canned-responses', { shortcut: 'late-parcel', title: 'Late parcel apology', body: 'Hi {{customer.firstName}}, sorry your parcel is late. {{agent.name}} here: I am on it.', teamId: careId })).status).toBe(201);
    expect((await admin.post('/api/canned-responses', { shortcut: 'thanks', title: 'Thanks for waiting', body: 'Thanks for waiting!' })).status).toBe(201);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await app?.close();
  });

  it('inserts a canned reply filled in for the customer after a /, counts it against X’s 280 and sends it', async () => {
    await signInOnPage(page, app.baseUrl, 'agent1@rapport.test');

    await sim.customerSays('x', { customerId: 'x-grace', name: 'Grace Hopper', handle: 'grace_h', text: 'My parcel is late, again', public: true });
    const item = page.getByTestId('conversation-item').filter({ hasText: 'Grace Hopper' });
    await item.waitFor({ timeout: 20000 });
    await item.click();
    const thread = page.getByTestId('thread');
    await thread.getByText(/My parcel is late, again/).waitFor();

    const input = page.getByTestId('composer-input');
    const counter = page.getByTestId('reply-counter');
    await expect(counter.textContent()).resolves.toMatch(/^0\/ of 280 characters$/);

    // Escape closes the list; a new slash opens it again.
    await input.click();
    await input.pressSequentially('/la');
    const popup = page.getByTestId('canned-popup');
    await popup.waitFor();
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('true');
    await input.press('Escape');
    await popup.waitFor({ state: 'detached' });
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('false');
    await input.fill('');

    await input.pressSequentially('/late');
    const options = popup.getByRole('option');
    await options.first().waitFor();
    await expect(options.count()).resolves.toBe(1);
    await expect(options.first().getAttribute('aria-selected')).resolves.toBe('true');
    await expect(options.first().textContent()).resolves.toContain('Late parcel apology');
    await input.press('Enter');
    await popup.waitFor({ state: 'detached' });
    await expect(input.inputValue()).resolves.toBe(FILLED);
    await expect(counter.textContent()).resolves.toBe(`${FILLED.length}/ of 280 characters`);

    // Too long for an X post: the reason shows and nothing can be sent.
    await input.fill(`${FILLED} ${'x'.repeat(240)}`);
    await page.locator('[data-testid="reply-counter"][data-tone="over"]').waitFor();
    await expect(page.getByTestId('reply-too-long').textContent()).resolves.toMatch(/^Too long for an X post: 307 of 280 characters.*Shorten it by 27\.$/);
    await expect(page.getByTestId('composer-send').isDisabled()).resolves.toBe(true);
    await input.press('Enter');
    await expect(input.inputValue()).resolves.toContain('xxxx');

    await input.fill(FILLED);
    await page.getByTestId('reply-too-long').waitFor({ state: 'detached' });
    await input.press('Enter');
    await thread.locator('[data-testid="message"][data-direction="outbound"][data-status="sent"]').filter({ hasText: FILLED }).waitFor({ timeout: 20000 });
    await expect(input.inputValue()).resolves.toBe('');
    expect(sim.sent.filter((s) => s.text.includes(FILLED))).toHaveLength(1);
  });
});
