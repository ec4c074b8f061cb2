import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Agent, Conversation, LoginResponse, Page as ListPage, SlaPolicy, Team } from '@rapport/shared';
import { describeInBrowser, launchBrowser, requireClientBuild, signInNewContext } from './support/browser.js';
import { client, eventually, login, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

const VIEWPORT = { width: 1400, height: 900 };

describeInBrowser('the team view in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let lead: LoginResponse;
  let sequence = 0;

  const asLead = () => client(app.baseUrl, lead.accessToken);

  /** A browser of its own (separate storage, so separate sessions) signed in as `email`, live. */
  const signIn = (email: string): Promise<Page> => signInNewContext(browser, app.baseUrl, email, { viewport: VIEWPORT });

  async function customerWrites(name: string, text: string, minutesAgo = 0): Promise<Conversation> {
    const handle = `team-${++sequence}`;
    const timestamp = new Date(Date.now() - minutesAgo * 60_000).toISOString();
    expect((await postApiMessage(app.baseUrl, { id: `team-msg-${sequence}`, from: { id: handle, name }, text, timestamp })).status).toBe(200);
    return eventually(async () => (await asLead().get<ListPage<Conversation>>(`/api/conversations?q=${handle}`)).body.items.find((c) => c.customer.handle === handle), 10000, `the conversation of ${name}`);
  }

  async function agentNamed(email: string): Promise<Agent> {
    const agents = (await asLead().get<Agent[]>('/api/agents')).body;
    return agents.find((a) => a.email === email)!;
  }

  async function openTeam(page: Page): Promise<void> {
    await page.getByTestId('nav-team').click();
    await page.getByTestId('team-view').waitFor();
    await page.getByTestId('agent-row').first().waitFor();
  }

  beforeAll(async () => {
    requireClientBuild();
    app = await startTestApp();
    lead = await login(app.baseUrl, 'lead@rapport.test');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close(); // and every context opened in it
    await app?.close();
  });

  it('lets a lead move a conversation from one agent to another, and both inboxes follow live', async () => {
    const [agent1Page, agent2Page] = [await signIn('agent1@rapport.test'), await signIn('agent2@rapport.test')];
    for (const page of [agent1Page, agent2Page]) {
      await page.getByTestId('assignee-filter-mine').click();
      await page.getByTestId('conversation-list').waitFor();
    }
    const agent1 = await agentNamed('agent1@rapport.test');
    const conversation = await customerWrites('Hedy Lamarr', 'My router keeps dropping the connection');
    expect((await asLead().post(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent1.id })).status).toBe(200);
    const inAgent1 = agent1Page.locator(`[data-testid="conversation-item"][data-conversation-id="${conversation.id}"]`);
    const inAgent2 = agent2Page.locator(`[data-testid="conversation-item"][data-conversation-id="${conversation.id}"]`);
    await inAgent1.waitFor({ timeout: 10000 });

    const leadPage = await signIn('lead@rapport.test');
    await openTeam(leadPage);
    const agent1Row = leadPage.locator(`[data-testid="agent-row"][data-agent-id="${agent1.id}"]`);
    await agent1Row.getByTestId('agent-expand').click();
    const agent1Conversations = leadPage.locator(`[data-testid="agent-conversations"][data-agent-id="${agent1.id}"]`);
    const row = agent1Conversations.locator(`[data-testid="team-conversation"][data-conversation-id="${conversation.id}"]`);
    await row.waitFor({ timeout: 10000 });
    const select = row.getByTestId('team-assign-select');
    const bea = (await select.locator('option').allTextContents()).find((o) => o.startsWith('Bea Lindqvist'));
    expect(bea).toBeDefined();
    await select.selectOption({ label: bea! });

    // No reload anywhere: the lead's list, agent1's and agent2's inboxes all follow the socket.
    await row.waitFor({ state: 'detached', timeout: 10000 });
    await inAgent1.waitFor({ state: 'detached', timeout: 10000 });
    await inAgent2.waitFor({ timeout: 10000 });
    expect((await asLead().get<Conversation>(`/api/conversations/${conversation.id}`)).body.assignee?.name).toBe('Bea Lindqvist');
    // Expanding Bea shows it under her now.
    const agent2 = await agentNamed('agent2@rapport.test');
    await leadPage.locator(`[data-testid="agent-row"][data-agent-id="${agent2.id}"]`).getByTestId('agent-expand').click();
    await leadPage.locator(`[data-testid="agent-conversations"][data-agent-id="${agent2.id}"] [data-testid="team-conversation"][data-conversation-id="${conversation.id}"]`).waitFor({ timeout: 10000 });
  });

  it('lets a lead create an SLA policy and set a team’s business hours, and both are still there after a reload', async () => {
    const page = await signIn('lead@rapport.test');
    await openTeam(page);
    await page.getByTestId('team-tab-settings').click();

    // A policy: urgent conversations answered within 15 minutes, on the wall clock.
    await page.getByTestId('sla-policy-new').click();
    const form = page.getByTestId('sla-policy-form');
    await form.getByTestId('sla-policy-name').fill('Urgent within 15 minutes');
    await form.getByTestId('sla-policy-priority').selectOption('urgent');
    await form.getByTestId('sla-policy-firstResponse').fill('15');
    await form.getByTestId('sla-policy-firstResponse-unit').selectOption('minutes');
    await form.getByTestId('sla-policy-resolution').fill('8');
    await form.getByTestId('sla-policy-resolution-unit').selectOption('hours');
    await form.getByTestId('sla-policy-wall-clock').check();
    await form.getByTestId('sla-policy-save').click();
    await form.waitFor({ state: 'detached' });
    const policyRow = page.getByTestId('sla-policy-row').filter({ hasText: 'Urgent within 15 minutes' });
    await policyRow.waitFor();

    // Hours: Monday a split shift, the rest of the week an office day; Madrid time; a holiday; reassign on breach.
    const editor = page.getByTestId('team-hours-editor').first();
    const alwaysOpen = editor.getByTestId('team-always-open');
    if (await alwaysOpen.isChecked()) await alwaysOpen.uncheck();
    const monday = editor.locator('[data-testid="hours-day"][data-day="mon"]');
    while ((await monday.getByTestId('hours-remove-range').count()) > 0) await monday.getByTestId('hours-remove-range').first().click();
    await monday.getByTestId('hours-add-range').click();
    await monday.getByTestId('hours-to').first().fill('13:00');
    await monday.getByTestId('hours-add-range').click();
    await expect(monday.getByTestId('hours-from').nth(1).inputValue()).resolves.toBe('14:00');
    await monday.getByTestId('hours-to').nth(1).fill('18:30');
    await editor.getByTestId('team-timezone').selectOption('Europe/Madrid');
    await editor.getByTestId('team-holiday-input').fill('2026-12-25');
    await editor.getByTestId('team-holiday-add').click();
    await editor.getByTestId('team-breach-action').selectOption('reassign');
    await editor.getByTestId('team-hours-save').click();
    await editor.getByTestId('team-hours-saved').waitFor({ timeout: 10000 });

    await page.reload();
    await page.getByTestId('team-view').waitFor();
    await page.getByTestId('team-tab-settings').click();
    const reloadedRow = page.getByTestId('sla-policy-row').filter({ hasText: 'Urgent within 15 minutes' });
    await reloadedRow.waitFor();
    await expect(reloadedRow.getByTestId('sla-policy-row-firstResponse').textContent()).resolves.toBe('15 min');
    await expect(reloadedRow.getByTestId('sla-policy-row-resolution').textContent()).resolves.toBe('8 h');
    await expect(reloadedRow.textContent()).resolves.toContain('Wall clock');

    const reloaded = page.getByTestId('team-hours-editor').first();
    const mondayAgain = reloaded.locator('[data-testid="hours-day"][data-day="mon"]');
    const ranges = await Promise.all([0, 1].map(async (i) => [await mondayAgain.getByTestId('hours-from').nth(i).inputValue(), await mondayAgain.getByTestId('hours-to').nth(i).inputValue()]));
    expect(ranges).toEqual([
      ['09:00', '13:00'],
      ['14:00', '18:30'],
    ]);
    await expect(reloaded.getByTestId('team-timezone').inputValue()).resolves.toBe('Europe/Madrid');
    await expect(reloaded.getByTestId('team-holiday').allTextContents()).resolves.toEqual([expect.stringContaining('2026-12-25')]);
    await expect(reloaded.getByTestId('team-breach-action').inputValue()).resolves.toBe('reassign');

    // The server has the same.
    const teamId = await reloaded.getAttribute('data-team-id');
    const team = (await asLead().get<Team>(`/api/teams/${teamId}`)).body;
    expect(team).toMatchObject({ timezone: 'Europe/Madrid', holidays: ['2026-12-25'], slaBreachAction: 'reassign' });
    expect(team.businessHours.mon).toEqual([
      ['09:00', '13:00'],
      ['14:00', '18:30'],
    ]);
    const policies = (await asLead().get<SlaPolicy[]>('/api/sla-policies')).body;
    expect(policies.find((p) => p.name === 'Urgent within 15 minutes')).toMatchObject({ priority: 'urgent', firstResponseSeconds: 900, resolutionSeconds: 28800, businessHoursOnly: false, teamId });
  });

  it('shows the waiting queue in serving order', async () => {
    // Routing by hand only, so what arrives waits for the lead.
    const teams = (await asLead().get<Team[]>('/api/teams')).body;
    for (const team of teams) expect((await asLead().patch(`/api/teams/${team.id}`, { strategy: 'manual', businessHours: {} })).status).toBe(200);
    // Every conversation of the team gets 30 minutes for a first response (urgent ones have the 15-minute policy above).
    const care = teams.find((t) => t.name === 'Care')!;
    expect((await asLead().post('/api/sla-policies', { name: 'Care standard', teamId: care.id, firstResponseSeconds: 1800, businessHoursOnly: false })).status).toBe(201);
    const calm = await customerWrites('Ada Byron', 'Could you tell me when my order ships?', 25);
    const urgent = await customerWrites('Grace Brewster', 'URGENT: I was charged twice, this is unacceptable!', 5);
    const older = await customerWrites('Katherine Johnson', 'Hello, is the store open on Sunday?', 40);

    const page = await signIn('lead@rapport.test');
    await openTeam(page);
    const queue = page.getByTestId('waiting-queue');
    const ids = async () => queue.getByTestId('team-conversation').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-conversation-id')));
    await eventually(async () => (await ids()).includes(older.id) && (await ids()).includes(calm.id) && (await ids()).includes(urgent.id), 10000, 'the queue to list the new conversations');
    const order = (await ids()).filter((id) => [calm.id, urgent.id, older.id].includes(id ?? ''));
    // Countdowns: 5 of 30 minutes left is amber, 40 minutes waited is past due, 10 of 15 left is fine.
    const toneOf = (id: string) => queue.locator(`[data-testid="team-conversation"][data-conversation-id="${id}"] [data-testid="sla-countdown"]`).getAttribute('data-tone', { timeout: 10000 });
    await expect(toneOf(calm.id)).resolves.toBe('warning');
    await expect(toneOf(older.id)).resolves.toBe('breached');
    await expect(toneOf(urgent.id)).resolves.toBe('ok');
    const priorityOf = new Map((await Promise.all([calm, urgent, older].map((c) => asLead().get<Conversation>(`/api/conversations/${c.id}`)))).map((r) => [r.body.id, r.body.priority]));
    // Higher priority first; of equal priority, the longer wait.
    const rank = { urgent: 0, high: 1, normal: 2, low: 3 } as const;
    const expected = [older, calm, urgent].sort((a, b) => rank[priorityOf.get(a.id)!] - rank[priorityOf.get(b.id)!]).map((c) => c.id);
    expect(order).toEqual(expected);

    // A reply gives agent1 a first-response figure for today.
    const agent1 = await login(app.baseUrl, 'agent1@rapport.test');
    const mine = await customerWrites('Mary Jackson', 'Where is my refund?', 3);
    await asLead().post(`/api/conversations/${mine.id}/assign`, { assigneeId: agent1.user.id });
    expect((await client(app.baseUrl, agent1.accessToken).post(`/api/conversations/${mine.id}/messages`, { text: 'It left this morning.' })).status).toBe(201);
    const waiting = await customerWrites('Dorothy Vaughan', 'My parcel is damaged', 12);
    await asLead().post(`/api/conversations/${waiting.id}/assign`, { assigneeId: agent1.user.id });

    await page.reload();
    await page.getByTestId('team-view').waitFor();
    const agent1Row = page.locator(`[data-testid="agent-row"][data-agent-id="${agent1.user.id}"]`);
    await agent1Row.getByTestId('agent-oldest-wait').waitFor({ timeout: 10000 });
    await eventually(async () => (await agent1Row.getByTestId('agent-first-response-median').textContent()) !== '—', 10000, 'a first-response median for agent1');
    await agent1Row.getByTestId('agent-expand').click();
    await page.locator(`[data-testid="agent-conversations"][data-agent-id="${agent1.user.id}"] [data-testid="team-conversation"]`).first().waitFor();
    if (process.env.TEAM_SCREENSHOT) await page.screenshot({ path: process.env.TEAM_SCREENSHOT });
  });
});
