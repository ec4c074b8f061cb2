import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Conversation, ResponseTimesReport, Team } from '@rapport/shared';
import { describeInBrowser, launchBrowser, requireClientBuild, signInOnPage } from './support/browser.js';
import { client, eventually, login, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

/** Where to save the README's screenshot of the view (left alone unless set). */
const SCREENSHOT = process.env.REPORTS_SCREENSHOT;
/** Not UTC, so local days and hours of the page and the server's `tz` grouping must agree. */
const BROWSER_TIMEZONE = 'Europe/Madrid';
const DURATION = /^\d+ (s|min|h|d)( \d+ (min|h))?$/;

type Api = ReturnType<typeof client>;

describeInBrowser('the reports in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let manager: Api;
  let customerMessages = 0;

  async function openConversationOf(name: string): Promise<Conversation> {
    return eventually(async () => {
      const { body } = await manager.get<{ items: Conversation[] }>('/api/conversations?status=open&limit=100');
      return body.items.find((c) => c.customer.name === name);
    }, 10_000, `the conversation of ${name}`);
  }

  async function customerWrites(sender: string, name: string, id: string, minutesAgo: number): Promise<void> {
    const timestamp = new Date(Date.now() - minutesAgo * 60_000).toISOString();
    expect((await postApiMessage(app.baseUrl, { id, from: { id: sender, name }, text: `Where is my order? (${id})`, timestamp })).status).toBe(200);
    customerMessages += 1;
  }

  /** A customer writes, an agent answers through the API (claiming the conversation), and resolves it. */
  async function answeredConversation(agent: Api, customer: { sender: string; name: string; minutesAgo: number }, followUpMinutesAgo?: number): Promise<void> {
    await customerWrites(customer.sender, customer.name, `${customer.sender}-1`, customer.minutesAgo);
    const conversation = await openConversationOf(customer.name);
    expect((await agent.post(`/api/conversations/${conversation.id}/messages`, { text: 'Looking into it now.' })).status).toBe(201);
    if (followUpMinutesAgo !== undefined) {
      await customerWrites(customer.sender, customer.name, `${customer.sender}-2`, followUpMinutesAgo);
      await eventually(async () => (await manager.get<Conversation>(`/api/conversations/${conversation.id}`)).body.lastMessagePreview?.includes(`${customer.sender}-2`), 10_000, 'the follow-up');
      expect((await agent.post(`/api/conversations/${conversation.id}/messages`, { text: 'It ships tomorrow.' })).status).toBe(201);
    }
    expect((await agent.post(`/api/conversations/${conversation.id}/status`, { status: 'resolved' })).status).toBe(200);
  }

  beforeAll(async () => {
    requireClientBuild();
    app = await startTestApp();
    manager = client(app.baseUrl, (await login(app.baseUrl, 'manager@rapport.test')).accessToken);
    const admin = client(app.baseUrl, (await login(app.baseUrl, 'admin@rapport.test')).accessToken);
    const agent1 = client(app.baseUrl, (await login(app.baseUrl, 'agent1@rapport.test')).accessToken);
    const agent2 = client(app.baseUrl, (await login(app.baseUrl, 'agent2@rapport.test')).accessToken);

    // Care is open around the clock except on the last three days (holidays): every business-hours figure is 0.
    const care = (await admin.get<Team[]>('/api/teams')).body.find((t) => t.name === 'Care')!;
    const allDay = [['00:00', '24:00']];
    const holidays = [0, 1, 2].map((d) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10));
    const hours = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
    expect((await admin.patch(`/api/teams/${care.id}`, { timezone: 'UTC', businessHours: hours, holidays })).status).toBe(200);

    await answeredConversation(agent1, { sender: 'rep-ada', name: 'Ada Byron', minutesAgo: 40 }, 0);
    await answeredConversation(agent1, { sender: 'rep-kay', name: 'Kay Nielsen', minutesAgo: 95 });
    await answeredConversation(agent2, { sender: 'rep-eve', name: 'Eve Castro', minutesAgo: 8 });

    await eventually(async () => {
      const { body } = await manager.get<ResponseTimesReport>('/api/metrics/response-times?groupBy=agent');
      return body.rows.filter((r) => r.resolution.count > 0).length === 2;
    }, 10_000, 'both agents in the report');

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: BROWSER_TIMEZONE, acceptDownloads: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a manager the trends, the heatmap and the tables, in either clock, and downloads the CSV', async () => {
    await signInOnPage(page, app.baseUrl, 'manager@rapport.test', { connected: false });
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-view').waitFor();
    expect(new URL(page.url()).hash).toBe('#/reports');
    await expect(page.getByTestId('reports-view').textContent()).resolves.toContain(BROWSER_TIMEZONE);

    // Summary tiles: three first responses, one of them after more than an hour.
    const firstResponseTile = page.getByTestId('report-tile-firstResponse');
    await firstResponseTile.waitFor();
    await expect(firstResponseTile.textContent()).resolves.toContain('3 first responses');
    await expect(page.getByTestId('report-tile-within-hour').textContent()).resolves.toContain('66.7 %');

    // Trend charts: an svg each, with a point for today on the axis of the whole week.
    for (const chart of ['trend-chart-median', 'trend-chart-p90']) {
      const svg = page.getByTestId(chart).locator('.recharts-wrapper > svg.recharts-surface');
      await svg.waitFor();
      await page.getByTestId(chart).locator('.recharts-line-dot, .recharts-line-dots circle').first().waitFor();
      await expect(page.getByTestId(chart).locator('.recharts-xAxis .recharts-cartesian-axis-tick').count()).resolves.toBeGreaterThanOrEqual(3);
    }

    // Heatmap: every customer message in some weekday × hour cell; and the hourly chart.
    const heatmap = page.getByTestId('volume-heatmap');
    await heatmap.waitFor();
    const counts = await heatmap.locator('td[data-count]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-count'))));
    expect(counts).toHaveLength(7 * 24);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(customerMessages);
    await page.getByTestId('volume-chart').locator('.recharts-wrapper > svg.recharts-surface').waitFor();

    // The agent table: both agents, with figures in every clock they stopped.
    const table = page.locator('[data-testid="report-table"][data-group="agent"]');
    await table.waitFor();
    const rows = table.getByTestId('report-row');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.locator('th').allTextContents()).resolves.toEqual(['Alex Moreno', 'Bea Lindqvist']);
    const alex = rows.filter({ hasText: 'Alex Moreno' });
    const wallMedian = (await alex.getByTestId('cell-firstResponse-median').textContent())!;
    expect(wallMedian).toMatch(DURATION);
    expect(wallMedian).not.toBe('0 s');
    await expect(alex.getByTestId('cell-nextReply-median').textContent()).resolves.toMatch(DURATION);
    await expect(alex.getByTestId('cell-resolution-median').textContent()).resolves.toMatch(DURATION);
    if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT });

    // Business hours: the team was closed (holidays), so every business figure is zero.
    await page.locator('label', { has: page.getByTestId('report-clock-business') }).click();
    await expect(page.getByTestId('report-clock-business').isChecked()).resolves.toBe(true);
    await expect(alex.getByTestId('cell-firstResponse-median').textContent()).resolves.toBe('0 s');
    await expect(page.getByTestId('trend-chart-median').textContent()).resolves.toContain('business hours');
    await page.locator('label', { has: page.getByTestId('report-clock-wall') }).click();
    await expect(alex.getByTestId('cell-firstResponse-median').textContent()).resolves.toBe(wallMedian);

    // Other groupings.
    await page.locator('label', { has: page.getByTestId('report-group-team') }).click();
    const teams = page.locator('[data-testid="report-table"][data-group="team"]');
    await teams.waitFor();
    await expect(teams.getByTestId('report-row').locator('th').allTextContents()).resolves.toEqual(['Care']);
    await page.locator('label', { has: page.getByTestId('report-group-channel') }).click();
    const channels = page.locator('[data-testid="report-table"][data-group="channel"]');
    await channels.waitFor();
    await expect(channels.getByTestId('report-row').locator('th').allTextContents()).resolves.toEqual(['Website widget (API)']);

    // The CSV of the table on screen, fetched with the token and saved as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^rapport-response-times-by-channel-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/^key,name,firstResponseCount,/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Website widget (API)');

    // Custom days start as the week on screen; days the wrong way round are refused and the figures stay.
    await page.locator('label', { has: page.getByTestId('report-period-custom') }).click();
    const to = await page.getByTestId('report-to').inputValue();
    const from = await page.getByTestId('report-from').inputValue();
    expect(Date.parse(to) - Date.parse(from)).toBe(6 * 86_400_000);
    await page.getByTestId('report-from').fill(to);
    await page.getByTestId('report-to').fill(from);
    await page.getByRole('alert').filter({ hasText: 'The end date is before the start date.' }).waitFor();
    await expect(channels.getByTestId('report-row').count()).resolves.toBe(1);
  });

  it('keeps the reports from agents', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const agentPage = await agentContext.newPage();
    try {
      await signInOnPage(agentPage, `${app.baseUrl}/#/reports`, 'agent3@rapport.test', { list: true, connected: false });
      await expect(agentPage.getByTestId('nav-reports').count()).resolves.toBe(0);
      await expect(agentPage.getByTestId('reports-view').count()).resolves.toBe(0);
    } finally {
      await agentContext.close();
    }
  });
});
