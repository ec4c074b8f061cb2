import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Agent, Conversation, Page as ListPage } from '@rapport/shared';
import { CLIENT_DIST as DEFAULT_CLIENT_DIST, describeInBrowser, launchBrowser, requireClientBuild, signInNewContext, signInOnPage } from './support/browser.js';
import { client, eventually, login, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

/** A client build elsewhere than client/dist (one that a parallel `npm test` is not rebuilding underneath). */
const CLIENT_DIST = process.env.CLIENT_DIST ?? DEFAULT_CLIENT_DIST;
/** The smallest laptop screen agents work on: everything must fit and work there. */
const VIEWPORT = { width: 1366, height: 768 };
/** axe is injected and waited on as page scripts, which the app's CSP (tested in csp.browser.e2e) refuses. */
const CONTEXT = { viewport: VIEWPORT, bypassCSP: true };
/** Where to save the inbox at 1366×768 (left alone unless set). */
const SCREENSHOT = process.env.A11Y_SCREENSHOT;
/** Several signed-in browsers and axe runs on a shared 2-core machine: far more than jest's 30 s default. */
const TEST_TIMEOUT_MS = 180_000;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Off by default in axe (experimental), yet a visible label missing from a control's name trips up voice control. */
const AXE_OPTIONS = JSON.stringify({ rules: { 'label-content-name-mismatch': { enabled: true } } });

/** Runs axe on what the page shows now; answers the serious and critical violations. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(`window.axe.run(document, ${AXE_OPTIONS}).then((r) => r.violations)`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describeViolations(screen: string, violations: AxeViolation[]): string {
  const lines = violations.flatMap((v) => [
    `${screen}: [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})`,
    ...v.nodes.slice(0, 8).map((n) => `    ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`),
  ]);
  return lines.join('\n');
}

describeInBrowser('accessibility and keyboard use in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  const report: Array<{ screen: string; violations: AxeViolation[] }> = [];

  /** Fails with every violation found on the screens audited since `from`, screen by screen. */
  function expectNoViolations(from: number): void {
    const screens = report.slice(from);
    const kinds = screens.reduce((sum, r) => sum + r.violations.length, 0);
    const nodes = screens.reduce((sum, r) => sum + r.violations.reduce((n, v) => n + v.nodes.length, 0), 0);
    console.log(`axe: ${kinds} serious or critical violations (${nodes} elements) over ${screens.length} screens: ${screens.map((r) => `${r.screen} ${r.violations.length}`).join(', ')}`);
    expect(screens.filter((r) => r.violations.length > 0).map((r) => describeViolations(r.screen, r.violations))).toEqual([]);
  }

  async function audit(page: Page, screen: string): Promise<void> {
    const violations = await seriousViolations(page);
    report.push({ screen, violations });
    if (violations.length > 0) console.log(describeViolations(screen, violations));
  }

  const signIn = (email: string): Promise<Page> => signInNewContext(browser, app.baseUrl, email, CONTEXT);

  /** With the customer panel open and priority and SLA chips beside it, the thread's name is shown whole. */
  async function expectNameReadable(page: Page): Promise<void> {
    const header = page.locator('.thread-header');
    await header.locator('.priority-marker').waitFor();
    await header.locator('.sla-countdown').waitFor();
    await page.getByTestId('customer-panel').waitFor();
    const name = page.getByTestId('thread-customer-name');
    await expect(name.evaluate((h) => h.scrollWidth <= h.clientWidth)).resolves.toBe(true);
  }

  /** Assignee, wait and SLA chip stay on one line, so the rows do not change height. */
  async function expectRowsOneHeight(page: Page): Promise<void> {
    const heights = await page.getByTestId('conversation-item').evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
    expect(heights.length).toBeGreaterThan(1);
    expect(new Set(heights).size).toBe(1);
  }

  beforeAll(async () => {
    requireClientBuild(CLIENT_DIST);
    app = await startTestApp({ CLIENT_DIST });
    const lead = client(app.baseUrl, (await login(app.baseUrl, 'lead@rapport.test')).accessToken);
    const agent1 = client(app.baseUrl, (await login(app.baseUrl, 'agent1@rapport.test')).accessToken);
    const admin = client(app.baseUrl, (await login(app.baseUrl, 'admin@rapport.test')).accessToken);
    // Every conversation gets an SLA chip in its header and row.
    expect((await admin.post('/api/sla-policies', { name: 'Default', firstResponseSeconds: 3600, businessHoursOnly: false })).status).toBe(201);
    // One answered and resolved conversation (figures in the reports), two open ones for the inbox.
    const customers = [
      { id: 'a11y-ada', name: 'Augusta Ada King-Noel', text: 'Where is my order?' },
      { id: 'a11y-grace', name: 'Grace Hopper', text: 'The app crashes at checkout' },
      { id: 'a11y-linus', name: 'Linus Pauling', text: 'I was charged twice, please refund' },
    ];
    for (const c of customers) expect((await postApiMessage(app.baseUrl, { id: `${c.id}-1`, from: { id: c.id, name: c.name }, text: c.text })).status).toBe(200);
    const conversations = await eventually(async () => {
      const { body } = await lead.get<ListPage<Conversation>>('/api/conversations?status=open&limit=100');
      return body.items.length === customers.length ? body.items : undefined;
    }, 10_000, 'the seeded conversations');
    const ada = conversations.find((c) => c.customer.name === 'Augusta Ada King-Noel')!;
    expect((await agent1.post(`/api/conversations/${ada.id}/messages`, { text: 'It ships today.' })).status).toBe(201);
    expect((await agent1.post(`/api/conversations/${ada.id}/status`, { status: 'resolved' })).status).toBe(200);
    // She writes again, angry: a new conversation with a priority, and the resolved one as its earlier conversation.
    expect((await postApiMessage(app.baseUrl, { id: 'a11y-ada-2', from: { id: 'a11y-ada' }, text: 'This is unacceptable, the order never came!!' })).status).toBe(200);
    await eventually(async () => (await lead.get<ListPage<Conversation>>('/api/conversations?status=open&limit=100')).body.items.length === customers.length, 10_000, 'her new conversation');

    browser = await launchBrowser();
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close(); // and every context opened in it
    await app?.close();
  }, TEST_TIMEOUT_MS);

  it('has no serious or critical axe violations on any screen', async () => {
    const from = report.length;
    const loginContext = await browser.newContext(CONTEXT);
    const loginPage = await loginContext.newPage();
    await loginPage.goto(app.baseUrl);
    await loginPage.getByTestId('login-email').waitFor();
    await audit(loginPage, 'login');

    const agent = await signIn('agent1@rapport.test');
    await agent.getByTestId('conversation-item').first().waitFor({ timeout: 10_000 });
    await audit(agent, 'inbox (nothing open)');
    await agent.getByTestId('conversation-item').filter({ hasText: 'Grace Hopper' }).click();
    await agent.getByTestId('thread').getByText('The app crashes at checkout').waitFor();
    await agent.getByTestId('customer-tier').waitFor();
    await audit(agent, 'inbox with a conversation and the customer panel');
    if (SCREENSHOT) await agent.screenshot({ path: SCREENSHOT });
    await agent.getByTestId('conversation-item').filter({ hasText: 'Augusta Ada King-Noel' }).click();
    await agent.getByTestId('earlier-conversations-toggle').click();
    await agent.getByTestId('past-thread').getByText('It ships today.').waitFor();
    await audit(agent, 'inbox with earlier conversations open');
    await expectNameReadable(agent);
    await expectRowsOneHeight(agent);
    if (SCREENSHOT) await agent.screenshot({ path: SCREENSHOT.replace(/(\.png)?$/, '-earlier.png') });

    const lead = await signIn('lead@rapport.test');
    // A lead's rows are narrower (their checkboxes) and name the assignee in full.
    await lead.getByTestId('conversation-item').filter({ hasText: 'Alex Moreno' }).first().waitFor();
    await expectRowsOneHeight(lead);
    if (SCREENSHOT) await lead.screenshot({ path: SCREENSHOT.replace(/(\.png)?$/, '-lead.png') });
    await lead.getByTestId('nav-team').click();
    await lead.getByTestId('agent-row').first().waitFor();
    await lead.getByTestId('agent-expand').first().click();
    await lead.locator('[data-testid="agent-conversations"]').first().waitFor();
    await audit(lead, 'team: agents & queue');
    await lead.getByTestId('team-tab-settings').click();
    await lead.getByTestId('team-hours-editor').first().waitFor();
    await lead.getByTestId('sla-policies').waitFor();
    await audit(lead, 'team: hours & SLAs');
    await lead.getByTestId('sla-policy-new').click();
    await lead.getByTestId('sla-policy-form').waitFor();
    await audit(lead, 'team: hours & SLAs (new policy form)');

    const admin = await signIn('admin@rapport.test');
    await admin.getByTestId('nav-channels').click();
    await admin.getByTestId('channel-row').first().waitFor();
    await audit(admin, 'channels');
    await admin.getByTestId('channel-new').click();
    await admin.getByTestId('channel-form').waitFor();
    await audit(admin, 'channels: new channel form');

    const manager = await signIn('manager@rapport.test');
    await manager.goto(`${app.baseUrl}/#/reports`);
    await manager.getByTestId('reports-view').waitFor();
    await manager.getByTestId('report-table').first().waitFor({ timeout: 10_000 });
    await manager.getByTestId('volume-heatmap').waitFor();
    await audit(manager, 'reports');

    expectNoViolations(from);
  }, TEST_TIMEOUT_MS);

  it('keeps the filters and the open conversation in the URL through reload, Back and Forward', async () => {
    const page = await signIn('agent1@rapport.test');
    const linus = page.getByTestId('conversation-item').filter({ hasText: 'Linus Pauling' });
    await linus.click();
    const linusId = await linus.getAttribute('data-conversation-id');
    await page.getByTestId('status-tab-pending').click();
    await page.getByTestId('assignee-filter-mine').click();
    await page.getByTestId('conversation-search').fill('refund');
    await page.waitForFunction('location.hash.includes("q=refund")');
    expect(new URL(page.url()).hash).toBe(`#/c/${linusId}?status=pending&assignee=me&q=refund`);

    await page.reload();
    await page.getByTestId('thread-customer-name').filter({ hasText: 'Linus Pauling' }).waitFor();
    await page.locator('[data-testid="status-tab-pending"][aria-selected="true"]').waitFor();
    await page.locator('[data-testid="assignee-filter-mine"][aria-checked="true"]').waitFor();
    await expect(page.getByTestId('conversation-search').inputValue()).resolves.toBe('refund');

    // The search replaced its entry; Back undoes the last tab change (and the search with it).
    await page.goBack();
    await page.locator('[data-testid="assignee-filter-all"][aria-checked="true"]').waitFor();
    await page.locator('[data-testid="status-tab-pending"][aria-selected="true"]').waitFor();
    await expect(page.getByTestId('conversation-search').inputValue()).resolves.toBe('');
    await page.goBack();
    await page.locator('[data-testid="status-tab-open"][aria-selected="true"]').waitFor();
    await page.goForward();
    await page.goForward();
    await page.locator('[data-testid="assignee-filter-mine"][aria-checked="true"]').waitFor();
    await expect(page.getByTestId('conversation-search').inputValue()).resolves.toBe('refund');
    await page.getByTestId('thread-customer-name').filter({ hasText: 'Linus Pauling' }).waitFor();
  }, TEST_TIMEOUT_MS);

  it('replies and resolves from the keyboard alone, and shows the shortcuts with ?', async () => {
    const from = report.length;
    const page = await signIn('agent1@rapport.test');
    const items = page.getByTestId('conversation-item');
    await items.nth(1).waitFor({ timeout: 10_000 });
    const [firstId, secondId] = [await items.nth(0).getAttribute('data-conversation-id'), await items.nth(1).getAttribute('data-conversation-id')];
    const hash = () => new URL(page.url()).hash;
    const focusedTestId = () => page.evaluate('document.activeElement?.getAttribute("data-testid") ?? null');

    // Typing in a field is typing: j, k, ? and / go into the search box, not to the shortcuts.
    await page.getByTestId('conversation-search').fill('');
    await page.getByTestId('conversation-search').pressSequentially('j/k?');
    await expect(page.getByTestId('conversation-search').inputValue()).resolves.toBe('j/k?');
    expect(hash()).not.toContain('#/c/');
    await page.keyboard.press('Escape');
    await expect(focusedTestId()).resolves.toBeNull();
    await page.waitForFunction('!location.hash.includes("q=")');

    await page.keyboard.press('j');
    await page.waitForFunction(`location.hash.startsWith('#/c/${firstId}')`);
    await page.getByTestId('composer-input').waitFor();
    // The list keeps the focus, so the next j goes on from there.
    await expect(focusedTestId()).resolves.toBe('conversation-item');
    await page.keyboard.press('j');
    await page.waitForFunction(`location.hash.startsWith('#/c/${secondId}')`);
    await page.keyboard.press('k');
    await page.waitForFunction(`location.hash.startsWith('#/c/${firstId}')`);
    await page.getByTestId('composer-input').waitFor();

    // n: a private note; r: back to a reply. Neither letter lands in the box.
    await page.keyboard.press('n');
    await expect(focusedTestId()).resolves.toBe('composer-input');
    await expect(page.getByTestId('composer-private').isChecked()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    await expect(focusedTestId()).resolves.toBe('composer-input');
    await expect(page.getByTestId('composer-private').isChecked()).resolves.toBe(false);
    await page.keyboard.type('Thanks for waiting, it is on its way.');
    await expect(page.getByTestId('composer-input').inputValue()).resolves.toBe('Thanks for waiting, it is on its way.');
    await page.keyboard.press('Enter');
    await page.getByTestId('thread').locator('[data-testid="message"][data-direction="outbound"]').filter({ hasText: 'it is on its way' }).waitFor();

    await page.keyboard.press('Escape');
    await page.keyboard.press('e');
    await page.getByTestId('status-reopen').waitFor({ timeout: 10_000 });

    // s opens the snooze menu with its first choice focused; Escape closes it.
    await page.getByTestId('status-reopen').click();
    await page.getByTestId('status-resolve').waitFor();
    await page.keyboard.press('s');
    await page.getByRole('menu').waitFor();
    await expect(page.evaluate('document.activeElement?.getAttribute("role")')).resolves.toBe('menuitem');
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate('[...document.querySelectorAll("[role=menuitem]")].indexOf(document.activeElement)')).resolves.toBe(1);
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await expect(focusedTestId()).resolves.toBe('status-snooze');

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await expect(help.getByText('Resolve the conversation').isVisible()).resolves.toBe(true);
    await expect(page.evaluate('document.activeElement?.closest("dialog") !== null')).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(page.evaluate('document.activeElement?.closest("dialog") !== null')).resolves.toBe(true);
    await audit(page, 'shortcut help');
    if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT.replace(/(\.png)?$/, '-help.png') });
    // Nothing behind the dialog reacts meanwhile.
    await page.keyboard.press('e');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await page.getByTestId('status-resolve').waitFor();
    expectNoViolations(from);
  }, TEST_TIMEOUT_MS);

  it('alerts an agent who opted in when a lead assigns them a conversation', async () => {
    const context = await browser.newContext(CONTEXT);
    // Record what the page would show and play: headless Chromium has no notification centre to look at.
    await context.addInitScript(`
      window.__alerts = { notifications: [], tones: 0, asked: 0 };
      class FakeNotification {
        static permission = 'default';
        static requestPermission() { window.__alerts.asked += 1; FakeNotification.permission = 'granted'; return Promise.resolve('granted'); }
        constructor(title, options) { window.__alerts.notifications.push({ title, body: options && options.body }); }
        close() {}
      }
      window.Notification = FakeNotification;
      const createOscillator = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function () { window.__alerts.tones += 1; return createOscillator.call(this); };
    `);
    const page = await signInOnPage(await context.newPage(), app.baseUrl, 'agent1@rapport.test');
    await page.getByTestId('conversation-item').first().waitFor();
    await expect(page.evaluate('window.__alerts.asked')).resolves.toBe(0);

    await page.getByTestId('alerts-toggle').click();
    await page.locator('[data-testid="alerts-toggle"][aria-pressed="true"]').waitFor();
    await expect(page.evaluate('window.__alerts.asked')).resolves.toBe(1);
    await expect(page.evaluate('localStorage.getItem("rapport.assignmentAlerts")')).resolves.toBe('on');

    const lead = client(app.baseUrl, (await login(app.baseUrl, 'lead@rapport.test')).accessToken);
    const agents = (await lead.get<Agent[]>('/api/agents')).body;
    const [agent1, agent2] = ['agent1@rapport.test', 'agent2@rapport.test'].map((email) => agents.find((a) => a.email === email)!);
    const linus = (await lead.get<ListPage<Conversation>>('/api/conversations?q=a11y-linus')).body.items[0]!;
    // Assignments the page's first sync replays are old news; on a busy machine that sync can take a while,
    // so the lead hands the conversation over again until one arrives after it.
    await eventually(async () => {
      expect((await lead.post(`/api/conversations/${linus.id}/assign`, { assigneeId: agent2!.id })).status).toBe(200);
      expect((await lead.post(`/api/conversations/${linus.id}/assign`, { assigneeId: agent1!.id })).status).toBe(200);
      return page
        .waitForFunction('window.__alerts.notifications.length > 0', undefined, { timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
    }, 30_000, 'the assignment alert');
    const alerts = (await page.evaluate('window.__alerts')) as { notifications: Array<{ title: string; body: string }>; tones: number };
    expect(alerts.notifications[0]).toEqual({ title: 'Assigned to you: Linus Pauling', body: expect.stringContaining(`${linus.channelName}: `) });
    expect(alerts.tones).toBeGreaterThan(0);

    // Given while its thread is on screen (and the page visible), it needs no alert.
    const before = alerts.notifications.length;
    await page.getByTestId('conversation-item').filter({ hasText: 'Linus Pauling' }).click();
    const assignments = page.getByTestId('thread').getByTestId('timeline-assignment');
    await assignments.first().waitFor();
    const shown = await assignments.count();
    expect((await lead.post(`/api/conversations/${linus.id}/assign`, { assigneeId: agent2!.id })).status).toBe(200);
    expect((await lead.post(`/api/conversations/${linus.id}/assign`, { assigneeId: agent1!.id })).status).toBe(200);
    await eventually(async () => (await assignments.count()) >= shown + 2, 10_000, 'both hand-overs in the thread');
    await expect(page.evaluate('window.__alerts.notifications.length')).resolves.toBe(before);
  }, TEST_TIMEOUT_MS);

  it('says so while the connection is down', async () => {
    const from = report.length;
    const page = await signIn('agent1@rapport.test');
    await page.getByTestId('conversation-item').first().waitFor();
    await expect(page.getByTestId('offline-banner').count()).resolves.toBe(0);
    await app.stop();
    const banner = page.getByRole('status').filter({ hasText: 'Reconnecting… changes will appear when the connection is back' });
    await banner.waitFor({ timeout: 15_000 });
    await audit(page, 'inbox while reconnecting');
    if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT.replace(/(\.png)?$/, '-offline.png') });
    expectNoViolations(from);
  }, TEST_TIMEOUT_MS);
});
