import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { UserAccount } from '@rapport/shared';
import { CLIENT_DIST as DEFAULT_CLIENT_DIST, describeInBrowser, launchBrowser, requireClientBuild, signInNewContext } from './support/browser.js';
import { client, eventually, login, startTestApp, type TestApp } from './support/test-app.js';

/** A client build elsewhere than client/dist (one that a parallel `npm test` is not rebuilding underneath). */
const CLIENT_DIST = process.env.CLIENT_DIST ?? DEFAULT_CLIENT_DIST;
/** axe is injected as an inline script, which the app's Content-Security-Policy rightly refuses. */
const CONTEXT = { viewport: { width: 1366, height: 768 }, bypassCSP: true };
/** Three signed-in browsers on a shared 2-core machine. */
const TEST_TIMEOUT_MS = 120_000;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: Array<{ target: unknown[] }>;
}

/** The serious and critical axe violations of what the page shows now, as "rule: elements". */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate('window.axe.run(document).then((r) => r.violations)')) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

describeInBrowser('sign-in lockout and the Users view in a real browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    requireClientBuild(CLIENT_DIST);
    app = await startTestApp({ CLIENT_DIST });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    'says when a locked account may sign in again, and keeps the button off until then',
    async () => {
      const page = await (await browser.newContext(CONTEXT)).newPage();
      await page.goto(app.baseUrl);
      // Four failures elsewhere; the fifth and the locked attempt here.
      for (let i = 0; i < 4; i++) expect((await client(app.baseUrl).post('/api/auth/login', { email: 'agent3@rapport.test', password: 'not-it' })).status).toBe(401);
      await page.getByTestId('login-email').fill('agent3@rapport.test');
      await page.getByTestId('login-password').fill('still-not-it');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').getByText('Wrong email or password.').waitFor();

      await page.getByTestId('login-password').fill('rapport-demo');
      await page.getByTestId('login-submit').click();
      const error = page.locator('[data-testid="login-error"][data-locked="true"]');
      await error.waitFor();
      await expect(error.textContent()).resolves.toMatch(/^Too many failed sign-ins\. Try again at \d{1,2}:\d{2}(\s?[AP]M)? \(in 15 minutes\)\.$/);
      await expect(page.getByTestId('login-submit').isDisabled()).resolves.toBe(true);
      await expect(page.getByTestId('login-submit').textContent()).resolves.toBe('Sign-in locked');
      expect(await seriousViolations(page)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lets an admin add a user, change a role, and deactivate someone, who is signed out at once',
    async () => {
      const agent = await signInNewContext(browser, app.baseUrl, 'agent2@rapport.test', CONTEXT);
      const admin = await signInNewContext(browser, app.baseUrl, 'admin@rapport.test', CONTEXT);
      await admin.getByTestId('nav-users').click();
      const view = admin.getByTestId('users-view');
      await view.waitFor();
      const row = (email: string) => view.locator(`[data-testid="user-row"][data-email="${email}"]`);
      await row('agent2@rapport.test').waitFor();
      // You cannot deactivate yourself (nor demote the only admin).
      await expect(row('admin@rapport.test').getByTestId('user-deactivate').isDisabled()).resolves.toBe(true);
      await expect(row('admin@rapport.test').getByTestId('user-role').isDisabled()).resolves.toBe(true);
      expect(await seriousViolations(admin)).toEqual([]);

      await view.getByTestId('user-new').click();
      const form = view.getByTestId('user-form');
      await form.getByTestId('user-form-name').fill('Nora Newhire');
      await form.getByTestId('user-form-email').fill('nora@rapport.test');
      await form.getByTestId('user-form-password').fill('short');
      await form.getByTestId('user-form-save').click();
      await expect(form.getByTestId('user-form-error').textContent()).resolves.toMatch(/at least 10 characters/);
      expect(await seriousViolations(admin)).toEqual([]);
      await form.getByTestId('user-form-password').fill('a-long-first-password');
      await form.getByTestId('user-form-team').first().check();
      await form.getByTestId('user-form-save').click();
      await row('nora@rapport.test').waitFor();
      await form.waitFor({ state: 'detached' });

      const asAdmin = client(app.baseUrl, (await login(app.baseUrl, 'admin@rapport.test')).accessToken);
      const accounts = async () => (await asAdmin.get<UserAccount[]>('/api/users')).body;
      await row('agent4@rapport.test').getByTestId('user-role').selectOption('lead');
      await eventually(async () => (await accounts()).find((u) => u.email === 'agent4@rapport.test')?.role === 'lead', 10000, 'agent4 to be a lead');

      const agent2 = row('agent2@rapport.test');
      await agent2.getByTestId('user-deactivate').click();
      await agent2.getByTestId('user-deactivate-confirm').click();
      await view.locator('[data-testid="user-row"][data-email="agent2@rapport.test"][data-active="false"]').waitFor();
      await expect(agent2.getByTestId('user-status').textContent()).resolves.toBe('Deactivated');
      expect((await accounts()).find((u) => u.email === 'agent2@rapport.test')?.active).toBe(false);

      // The agent's socket was closed, and the session could not be renewed: back to the login page.
      await agent.getByTestId('login-email').waitFor({ timeout: 15000 });
      await agent.getByTestId('login-email').fill('agent2@rapport.test');
      await agent.getByTestId('login-password').fill('rapport-demo');
      await agent.getByTestId('login-submit').click();
      await agent.getByTestId('login-error').getByText('This account is deactivated. Ask an admin to reactivate it.').waitFor();

      await agent2.getByTestId('user-reactivate').click();
      await agent2.getByTestId('user-reactivate-confirm').click();
      await view.locator('[data-testid="user-row"][data-email="agent2@rapport.test"][data-active="true"]').waitFor();
    },
    TEST_TIMEOUT_MS,
  );
});

describeInBrowser('short-lived access tokens renewed by the browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    requireClientBuild(CLIENT_DIST);
    app = await startTestApp({ CLIENT_DIST, JWT_TTL: '2s' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    'renews an expired token for API calls and for the socket, and picks up a new role',
    async () => {
      const page = await signInNewContext(browser, app.baseUrl, 'lead@rapport.test', CONTEXT);
      const storedRefreshToken = () => page.evaluate<string | undefined>('JSON.parse(localStorage.getItem("rapport.session") ?? "{}").refreshToken');
      const first = await storedRefreshToken();
      expect(first).toEqual(expect.any(String));
      await page.waitForTimeout(2500);

      // The token has expired: the Team view's calls are refused once, renewed, and answered.
      await page.getByTestId('nav-team').click();
      await page.getByText('Alex Moreno').first().waitFor();
      const second = await storedRefreshToken();
      expect(second).not.toBe(first);

      // A new role closes the socket; the app reads who it is now, and reconnects with a fresh token.
      await page.waitForTimeout(2500);
      const admin = client(app.baseUrl, (await login(app.baseUrl, 'admin@rapport.test')).accessToken);
      const lead = (await admin.get<UserAccount[]>('/api/users')).body.find((u) => u.email === 'lead@rapport.test')!;
      expect((await admin.patch(`/api/users/${lead.id}`, { role: 'manager' })).status).toBe(200);
      await page.locator('.role-badge', { hasText: 'Manager' }).waitFor({ timeout: 15000 });
      await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 15000 });
      await expect(page.getByTestId('login-email').count()).resolves.toBe(0);
    },
    TEST_TIMEOUT_MS,
  );
});
