import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, requireClientBuild, signInOnPage } from './support/browser.js';
import { PASSWORD, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

interface Violation {
  directive: string;
  blocked: string;
  page: string;
}

/** Every CSP violation a page reports, from the DOM event and from the console, kept per context. */
async function watchViolations(context: BrowserContext, seen: Violation[]): Promise<void> {
  await context.exposeFunction('__cspViolation', (v: Violation) => seen.push(v));
  // A string: this file is compiled without the DOM's types.
  await context.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation({ directive: e.violatedDirective, blocked: e.blockedURI, page: location.href }));",
  );
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push({ directive: 'console', blocked: message.text(), page: message.page()?.url() ?? '?' });
  });
}

/** The built client, the Swagger UI and Bull Board all work under the policies the server sends. */
describeInBrowser('the Content-Security-Policy in a real browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    requireClientBuild();
    app = await startTestApp();
    expect((await postApiMessage(app.baseUrl, { id: 'csp-1', from: { id: 'cust-csp', name: 'Grace Hopper' }, text: 'My order is late' })).status).toBe(200);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A page of a context of its own, and the violations it reports. */
  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ page: Page; violations: Violation[] }> {
    const context = await browser.newContext(options);
    const violations: Violation[] = [];
    await watchViolations(context, violations);
    return { page: await context.newPage(), violations };
  }

  it('runs the client with its live socket, a thread, the team view and the report charts, without a violation', async () => {
    const { page, violations } = await newPage();
    // Waits for the socket.io connection: connect-src lets it through.
    await signInOnPage(page, app.baseUrl, 'lead@rapport.test', { list: true });
    await page.getByTestId('conversation-item').filter({ hasText: 'Grace Hopper' }).click();
    await page.getByTestId('thread').waitFor();
    await page.getByTestId('nav-team').click();
    await page.getByTestId('team-view').waitFor();
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-view').waitFor();
    await page.locator('.recharts-wrapper > svg.recharts-surface').first().waitFor();
    expect(violations).toEqual([]);
  }, 60_000);

  it('runs the Swagger UI at /api/docs without a violation', async () => {
    const { page, violations } = await newPage();
    await page.goto(`${app.baseUrl}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(violations).toEqual([]);
  }, 30_000);

  it('runs Bull Board at /admin/queues without a violation', async () => {
    // Google Fonts may be unreachable here; the policy allows them, which is what counts.
    const { page, violations } = await newPage({ httpCredentials: { username: 'admin@rapport.test', password: PASSWORD } });
    await page.route(/fonts\.(googleapis|gstatic)\.com/, (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
    await page.goto(`${app.baseUrl}/admin/queues`);
    await page.getByText('inbound', { exact: false }).first().waitFor();
    expect(violations).toEqual([]);
  }, 30_000);
});
