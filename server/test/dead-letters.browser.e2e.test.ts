import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { Channel } from '@rapport/shared';
import { hmacSha256Hex } from '../src/modules/channels/signature.js';
import { fingerprintOf } from '../src/modules/dead-letters/dead-letter-rules.js';
import { describeInBrowser, launchBrowser, requireClientBuild, signInOnPage } from './support/browser.js';
import { client, eventually, login, startTestApp, storedMessage, type TestApp } from './support/test-app.js';

const META_SECRET = 'dead-letters-browser-meta-secret';
const PAGE_ID = '104857600077001';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const event = (mid: string, sender: string, text: string): string =>
  `{"sender":{"id":${sender}},"recipient":{"id":"${PAGE_ID}"},"timestamp":1787213702000,"message":{"mid":"${mid}","text":"${text}"}}`;
const body = (events: string[]): string => `{"object":"page","entry":[{"id":"${PAGE_ID}","time":1787213702417,"messaging":[${events.join(',')}]}]}`;

describeInBrowser('dead letters in the Channels view, in a real browser', () => {
  let app: TestApp;
  let db: pg.Client;
  let browser: Browser;
  let page: Page;
  let channel: Channel;
  const unreadable = body([event('m_dlb_bad', '{"nested":true}', 'can you read me?')]);
  const readable = body([event('m_dlb_fixed', '"U-dlb"', 'read me after the upgrade')]);

  beforeAll(async () => {
    requireClientBuild();
    app = await startTestApp({ META_APP_SECRET: META_SECRET });
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    const admin = client(app.baseUrl, (await login(app.baseUrl, 'admin@rapport.test')).accessToken);
    channel = (await admin.post<Channel>('/api/channels', { kind: 'facebook', name: 'Facebook: Browser dead letters', config: { pageId: PAGE_ID, pageAccessToken: 'page-token', apiBaseUrl: 'http://127.0.0.1:9' } })).body;
    const response = await fetch(`${app.baseUrl}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${hmacSha256Hex(META_SECRET, unreadable)}` },
      body: unreadable,
    });
    expect(response.status).toBe(200);
    await eventually(async () => (await db.query('SELECT 1 FROM dead_letters')).rowCount === 1, 10000, 'the webhook’s dead letter');
    // As an older version kept it: today's code reads it.
    await db.query(
      "INSERT INTO dead_letters (channel_kind, channel_id, source, raw_body, reason, fingerprint, created_at, last_tried_at) VALUES ('facebook', $1, 'webhook:meta', $2, 'message type not read by version 1.0', $3, date_trunc('milliseconds', now() - interval '2 hours'), date_trunc('milliseconds', now() - interval '2 hours'))",
      [channel.id, readable, fingerprintOf('webhook:meta', channel.id, readable)],
    );
    browser = await launchBrowser();
    // axe is injected as an inline script, which the app's Content-Security-Policy rightly refuses.
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await app?.close();
  });

  it('lists the dead letters for an admin, with the reason and the raw body', async () => {
    await signInOnPage(page, app.baseUrl, 'admin@rapport.test');
    await page.goto(`${app.baseUrl}/#/channels`);
    const section = page.getByRole('region', { name: 'Dead letters' });
    await section.locator('[data-testid="dead-letters-pending"][data-pending="2"]').waitFor();
    await expect(section.getByTestId('dead-letters-pending').textContent()).resolves.toBe('2 pending');
    const rows = section.getByTestId('dead-letter-row');
    await rows.nth(1).waitFor();
    await expect(rows.count()).resolves.toBe(2);
    const bad = rows.filter({ hasText: 'sender.id' });
    await expect(bad.getByTestId('dead-letter-reason').textContent()).resolves.toBe('entry[0].messaging[0].sender.id: expected string, got object');
    await expect(bad.textContent()).resolves.toContain('Facebook: Browser dead letters');
    await expect(bad.textContent()).resolves.toContain('Meta webhook');
    await expect(bad.getByTestId('dead-letter-raw').isVisible()).resolves.toBe(false);
    await bad.getByText('Raw body').click();
    await expect(bad.getByTestId('dead-letter-raw').textContent()).resolves.toContain('"mid": "m_dlb_bad"');

    await page.addScriptTag({ content: axeSource });
    // The platform badges' brand colours are the app's, shared by every view; this checks the section's own.
    const violations = (await page.evaluate(
      'window.axe.run({ include: [[\'[data-testid="dead-letters"]\']] }).then((r) => r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join(" | ")}`))',
    )) as string[];
    expect(violations).toEqual([]);
  });

  it('retries one today’s code reads: its message is stored and the row says so', async () => {
    const row = page.getByTestId('dead-letter-row').filter({ hasText: 'version 1.0' });
    await row.getByRole('button', { name: /^Retry the Meta webhook event received/ }).click();
    await expect(row.getByTestId('dead-letter-outcome').filter({ hasText: 'Read: 1 message stored' }).waitFor()).resolves.toBeUndefined();
    await expect(row.getByTestId('dead-letter-status').textContent()).resolves.toBe('Resolved');
    await expect(page.getByTestId('dead-letters-pending').textContent()).resolves.toBe('1 pending');
    await storedMessage(db, 'm_dlb_fixed');
  });

  it('retries one still unreadable: it stays pending and the row tells why', async () => {
    const row = page.getByTestId('dead-letter-row').filter({ hasText: 'sender.id' });
    await row.getByTestId('dead-letter-retry').click();
    await row.getByTestId('dead-letter-outcome').filter({ hasText: 'Still unreadable: entry[0].messaging[0].sender.id' }).waitFor();
    await expect(row.getByTestId('dead-letter-status').textContent()).resolves.toBe('Pending');
    await expect(row.textContent()).resolves.toContain('2 reads');
    await expect(page.getByTestId('dead-letters-pending').textContent()).resolves.toBe('1 pending');
  });

  it('filters by status', async () => {
    await page.getByTestId('dead-letters-filter').selectOption('resolved');
    await eventually(async () => (await page.getByTestId('dead-letter-row').count()) === 1 && (await page.getByTestId('dead-letter-row').getAttribute('data-status')) === 'resolved', 10000, 'the resolved one only');
  });

  it('shows no dead letters to a lead', async () => {
    const lead = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInOnPage(lead, app.baseUrl, 'lead@rapport.test');
    await lead.goto(`${app.baseUrl}/#/channels`);
    await lead.getByTestId('channels-view').waitFor();
    await lead.getByTestId('channel-row').first().waitFor();
    await expect(lead.getByTestId('dead-letters').count()).resolves.toBe(0);
  });
});
