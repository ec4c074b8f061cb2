import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { CustomerExport } from '@rapport/shared';
import { describeInBrowser, launchBrowser, requireClientBuild, signInNewContext } from './support/browser.js';
import { eventually, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

/** A signed-in browser, a download and axe runs on a shared 2-core machine: far more than jest's 30 s default. */
const TEST_TIMEOUT_MS = 120_000;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical axe violations of what the page shows now, as `rule: targets` (axe is injected: the context bypasses the CSP). */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate('window.axe.run(document).then((r) => r.violations)')) as Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>;
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

describeInBrowser('an admin exports and erases a customer, then finds both in the audit log', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    requireClientBuild();
    app = await startTestApp();
    browser = await launchBrowser();
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  }, TEST_TIMEOUT_MS);

  it(
    'downloads the data, erases the customer behind a typed confirmation, and lists both entries',
    async () => {
      expect((await postApiMessage(app.baseUrl, { id: 'nora-1', from: { id: 'nora-web', name: 'Nora Nightingale' }, text: 'My order NN-4410 is late' })).status).toBe(200);
      const page = await signInNewContext(browser, app.baseUrl, 'admin@rapport.test', { viewport: { width: 1440, height: 900 }, acceptDownloads: true, bypassCSP: true }, { list: true });

      const item = page.getByTestId('conversation-item').filter({ hasText: 'Nora Nightingale' });
      await item.waitFor({ timeout: 15_000 });
      await item.click();
      const panel = page.getByTestId('customer-panel');
      await panel.locator('.customer-name').filter({ hasText: 'Nora Nightingale' }).waitFor({ timeout: 10_000 });
      await page.getByTestId('thread').getByText('My order NN-4410 is late').waitFor();

      // Export: a JSON file named by the customer's id, holding her message.
      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('customer-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^customer-[0-9a-f-]{36}\.json$/);
      const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as CustomerExport;
      expect(exported.customer.name).toBe('Nora Nightingale');
      expect(exported.conversations[0]!.messages.map((m) => m.text)).toEqual(['My order NN-4410 is late']);
      await panel.getByTestId('customer-export-done').waitFor();

      // Erase: the dialog names what goes, and waits for her name or ERASE.
      await panel.getByTestId('customer-erase').click();
      const dialog = page.getByTestId('erase-dialog');
      await dialog.waitFor();
      await expect(dialog.textContent()).resolves.toContain('Kept: the figures');
      const confirm = dialog.getByTestId('erase-confirm');
      await expect(confirm.isDisabled()).resolves.toBe(true);
      await dialog.getByLabel('Type the customer’s name or ERASE to confirm').fill('Nora');
      await expect(confirm.isDisabled()).resolves.toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByLabel('Type the customer’s name or ERASE to confirm').fill('nora nightingale');
      await confirm.click();
      await panel.getByTestId('customer-erase-done').filter({ hasText: 'Erased 1 conversation, 1 message and 1 account.' }).waitFor({ timeout: 10_000 });
      await expect(dialog.isVisible()).resolves.toBe(false);

      // Anonymised at once: the panel, the list and the open thread.
      await panel.locator('.customer-name').filter({ hasText: 'Erased customer' }).waitFor({ timeout: 10_000 });
      await panel.getByTestId('customer-erased').waitFor();
      await expect(panel.getByTestId('customer-erase').count()).resolves.toBe(0);
      await page.getByTestId('conversation-item').filter({ hasText: 'Erased customer' }).waitFor({ timeout: 10_000 });
      await expect(page.getByTestId('conversation-list').textContent()).resolves.not.toContain('Nora');
      await page.getByTestId('thread').getByText('[erased]').waitFor({ timeout: 10_000 });
      await expect(page.getByTestId('thread').textContent()).resolves.not.toContain('NN-4410');

      // The audit log, newest first: the erasure, then the export, by this admin.
      await page.getByTestId('nav-audit').click();
      const view = page.getByTestId('audit-view');
      await view.getByTestId('audit-entry').first().waitFor({ timeout: 10_000 });
      const customerEntries = view.locator('[data-testid="audit-entry"][data-action^="customer."]');
      await expect(customerEntries.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).resolves.toEqual(['customer.erased', 'customer.exported']);
      const erasure = customerEntries.first();
      await expect(erasure.textContent()).resolves.toContain('admin@rapport.test');
      await expect(erasure.textContent()).resolves.toContain('Customer erased');
      await expect(erasure.textContent()).resolves.toContain('conversations: 1');
      expect(await seriousViolations(page)).toEqual([]);

      // Filtered to exports only.
      await view.getByLabel('Action').selectOption('customer.exported');
      const actions = () => view.getByTestId('audit-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
      await eventually(async () => (await actions()).join() === 'customer.exported', 10_000, 'only the export listed');
      await view.getByLabel('Action').selectOption('dead_letter.retried');
      await view.getByText('Nothing recorded').waitFor();
    },
    TEST_TIMEOUT_MS,
  );
});
