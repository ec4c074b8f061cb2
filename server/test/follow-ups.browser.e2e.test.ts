import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { FollowUp, LoginResponse } from '@rapport/shared';
import { describeInBrowser, launchBrowser, requireClientBuild, signInOnPage } from './support/browser.js';
import { client, eventually, login, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

describeInBrowser('snoozes and follow-ups in a real browser', () => {
  let app: TestApp;
  let db: pg.Client;
  let browser: Browser;
  let page: Page;
  let agent: LoginResponse;
  let sequence = 0;

  const asAgent = () => client(app.baseUrl, agent.accessToken);

  /** A customer writes; resolves with their conversation's id once it is in the agent's open list. */
  async function customerWrote(name: string, text: string): Promise<string> {
    expect((await postApiMessage(app.baseUrl, { id: `fu-browser-${++sequence}`, from: { id: `fu-cust-${sequence}`, name }, text })).status).toBe(200);
    const item = page.getByTestId('conversation-item').filter({ hasText: name });
    await item.waitFor({ timeout: 10_000 });
    return (await item.getAttribute('data-conversation-id'))!;
  }

  beforeAll(async () => {
    requireClientBuild();
    app = await startTestApp();
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    agent = await login(app.baseUrl, 'agent1@rapport.test');
    browser = await launchBrowser();
    page = await signInOnPage(await browser.newPage({ viewport: { width: 1400, height: 860 } }), app.baseUrl, 'agent1@rapport.test', { list: true });
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await app?.close();
  });

  it('takes a snoozed conversation out of the open list and brings it back by itself when the snooze ends', async () => {
    const id = await customerWrote('Sleepy Sam', 'Can you check again tomorrow?');
    const item = page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`);
    const until = new Date(Date.now() + 3000);
    expect((await asAgent().post(`/api/conversations/${id}/status`, { status: 'snoozed', snoozeUntil: until.toISOString() })).status).toBe(200);
    await item.waitFor({ state: 'detached', timeout: 5000 });
    // No reload, no click: the timer's conversation.updated puts it back.
    await item.waitFor({ timeout: until.getTime() - Date.now() + 5000 });
    expect(Date.now()).toBeGreaterThanOrEqual(until.getTime() - 100);
  });

  it('sets a follow-up from the thread, shows it in the Follow-ups filter, and cancels it', async () => {
    const id = await customerWrote('Ada Follow', 'My refund has not arrived');
    await db.query("UPDATE customers SET timezone = 'Asia/Tokyo', contact_hours = $2 WHERE id = (SELECT customer_id FROM conversations WHERE id = $1)", [id, JSON.stringify({ days: [1, 2, 3, 4, 5], from: '09:30', to: '17:00' })]);
    await page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`).click();
    await page.getByTestId('thread-customer-name').filter({ hasText: 'Ada Follow' }).waitFor();

    await page.getByTestId('follow-up-open').click();
    await page.getByTestId('follow-up-note').fill('Check the refund landed');
    // The customer's own clock: their next contact hours, shown in their time and ours.
    const theirs = page.getByTestId('follow-up-suggestion-their-hours');
    await theirs.filter({ hasText: '09:30 their time' }).waitFor({ timeout: 5000 });
    await theirs.click();

    const bar = page.getByTestId('conversation-follow-up').filter({ hasText: 'Check the refund landed' });
    await bar.waitFor({ timeout: 5000 });
    const [stored] = (await asAgent().get<{ items: FollowUp[] }>(`/api/follow-ups?conversationId=${id}`)).body.items;
    expect(stored).toMatchObject({ note: 'Check the refund landed', inCustomerHours: true, status: 'scheduled' });

    await page.getByTestId('inbox-follow-ups').click();
    const listed = page.getByTestId('follow-up-item').filter({ hasText: 'Check the refund landed' });
    await listed.waitFor({ timeout: 5000 });
    await expect(listed.getAttribute('data-conversation-id')).resolves.toBe(id);
    // The list shown is in the address, as the filters are: a reload keeps the follow-ups.
    await page.reload();
    await listed.waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('inbox-follow-ups').getAttribute('aria-selected')).resolves.toBe('true');
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });

    await bar.getByTestId('conversation-follow-up-cancel').click();
    await bar.waitFor({ state: 'detached', timeout: 5000 });
    await listed.waitFor({ state: 'detached', timeout: 5000 });
    await page.getByTestId('status-tab-open').click();
    await page.getByTestId('conversation-list').waitFor();
  });

  it('announces a follow-up when it comes due', async () => {
    const id = await customerWrote('Due Dora', 'Ping me later please');
    const created = await asAgent().post<FollowUp>(`/api/conversations/${id}/follow-ups`, { dueAt: new Date(Date.now() + 2000).toISOString(), note: 'Ping Dora back' });
    expect(created.status).toBe(201);
    const notice = page.getByTestId('followup-notice').filter({ hasText: 'Ping Dora back' });
    await notice.waitFor({ timeout: 10_000 });
    await expect(notice.getAttribute('data-conversation-id')).resolves.toBe(id);
    await eventually(async () => (await asAgent().get<{ items: FollowUp[] }>(`/api/follow-ups?conversationId=${id}`)).body.items[0]?.status === 'due', 5000, 'the follow-up to be due');
  });

  it('blocks public replies in the composer for a customer marked doNotContact', async () => {
    const id = await customerWrote('Quiet Quinn', 'Do not message me again');
    await db.query('UPDATE customers SET do_not_contact = true WHERE id = (SELECT customer_id FROM conversations WHERE id = $1)', [id]);
    await page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`).click();
    await page.getByTestId('composer-do-not-contact').waitFor({ timeout: 5000 });
    await expect(page.getByTestId('composer-private').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('composer-private').isDisabled()).resolves.toBe(true);
  });
});
