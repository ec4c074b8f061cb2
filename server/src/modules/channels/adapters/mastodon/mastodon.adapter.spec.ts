import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PlatformError, type ChannelContext, type InboundMessage, type OutboundContext } from '../../channel-adapter.js';
import { closedPortUrl, FakePlatform } from '../fake-platform.testing.js';
import { fixture, rejectionOf } from '../meta/fixtures.testing.js';
import { htmlToText, MASTODON_MAX_PAGES, MASTODON_PAGE_SIZE, MastodonAdapter } from './mastodon.adapter.js';

const adapter = new MastodonAdapter();
const mastodon = new FakePlatform();

beforeAll(() => mastodon.start());
afterAll(() => mastodon.stop());
beforeEach(() => mastodon.reset());

function channel(config: Record<string, unknown> = {}, secrets: Record<string, string> = { accessToken: 'masto-token' }): ChannelContext {
  return { id: '00000000-0000-4000-8000-0000000000d1', kind: 'mastodon', key: null, config: { instanceUrl: 'https://mastodon.invalid', apiBaseUrl: mastodon.url, ...config }, secrets };
}

type Json = Record<string, unknown>;
const notifications = (): Json[] => fixture('mastodon-notifications-mentions.json') as Json[];
const inSeconds = (s: number): string => new Date(Date.now() + s * 1000).toISOString();

/** A mention notification `id` about a status `statusId`, built on the fixture's public one. */
function mention(id: string, statusId = `s${id}`): Json {
  const base = notifications()[0]!;
  return { ...base, id, status: { ...(base.status as Json), id: statusId } };
}

/** `count` mentions with ids from `first` upwards, newest first as Mastodon sends them. */
function mentionPage(first: number, count: number): Json[] {
  return Array.from({ length: count }, (_, i) => mention(String(first + i))).reverse();
}

describe('htmlToText', () => {
  it.each([
    ['the fixture mention', (notifications()[0]!.status as Json).content, '@acmesupport the export button in the web app has thrown a 500 error since yesterday. Any ETA?'],
    ['paragraphs', '<p>one</p><p>two</p>', 'one\n\ntwo'],
    ['line breaks in every spelling', 'a<br>b<br/>c<br />d<BR>e', 'a\nb\nc\nd\ne'],
    ['named entities', '<p>&amp; &lt;b&gt; &quot;q&quot; &#39;s&#39; &apos;a&apos; x&nbsp;y</p>', '& <b> "q" \'s\' \'a\' x y'],
    ['numeric entities', '&#233;&#x1F600;&#X41;', 'é😀A'],
    ['invalid numeric entities', '&#0;&#xD800;&#x110000;', '\uFFFD\uFFFD\uFFFD'],
    ['unknown entities, left alone', '&bogus; & alone', '&bogus; & alone'],
    ['escaped markup, kept as text', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', '<script>alert(1)</script>'],
    [
      'a shortened link (hidden parts kept)',
      '<p>see <a href="https://example.com/a/very/long/path" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="ellipsis">example.com/a/very/lo</span><span class="invisible">ng/path</span></a></p>',
      'see https://example.com/a/very/long/path',
    ],
    ['a hashtag', '<p><a href="https://m.s/tags/bug" class="mention hashtag" rel="tag">#<span>bug</span></a> again</p>', '#bug again'],
    ['an attribute containing >', '<p><a title="a > b" href="x">link</a></p>', 'link'],
    ['lists', '<ul><li>one</li><li>two</li></ul>', '- one\n- two'],
    ['a quote and a comment', '<blockquote><p>quoted</p></blockquote><!-- hidden --><p>reply</p>', 'quoted\n\nreply'],
    ['unicode', '<p>Ça 😡 — 配達 שלום</p>', 'Ça 😡 — 配達 שלום'],
    ['plain text', 'no markup at all', 'no markup at all'],
    ['empty', '', ''],
  ])('converts %s', (_what, html, text) => {
    expect(htmlToText(String(html))).toBe(text);
  });
});

describe('MastodonAdapter.poll', () => {
  it('asks for mention notifications with the bearer token, from the apiBaseUrl', async () => {
    mastodon.answer({ status: 200, body: [] });
    await adapter.poll(channel(), null);
    const hit = mastodon.last();
    expect(hit.method).toBe('GET');
    expect(hit.path).toBe('/api/v1/notifications');
    expect(hit.query.getAll('types[]')).toEqual(['mention']);
    expect(hit.query.get('limit')).toBe(String(MASTODON_PAGE_SIZE));
    expect(hit.query.has('min_id')).toBe(false);
    expect(hit.headers.authorization).toBe('Bearer masto-token');
  });

  it('falls back to the instanceUrl without apiBaseUrl', async () => {
    mastodon.answer({ status: 200, body: [] });
    await adapter.poll(channel({ apiBaseUrl: undefined, instanceUrl: `${mastodon.url}/` }), null);
    expect(mastodon.last().path).toBe('/api/v1/notifications');
  });

  it('turns the fixture into a direct DM and a public mention, oldest first, cursor at the newest notification', async () => {
    mastodon.answer({ status: 200, body: fixture('mastodon-notifications-mentions.json') });
    const result = await adapter.poll(channel(), '350069000');
    expect(mastodon.last().query.get('min_id')).toBe('350069000');
    expect(result.cursor).toBe('350071882');
    expect(result.items).toEqual([
      {
        kind: 'message',
        externalId: '113012298765432101',
        sender: { externalId: '110011223344556677', name: 'Kofi Mensah', handle: 'kofi_m' },
        text: '@acmesupport my account email is kofi@example.com and I still cannot reset my password, the reset mail never arrives.',
        attachments: [],
        sentAt: new Date('2026-08-20T08:15:02.559Z'),
        threadKey: '',
        isPublic: false,
        meta: { statusId: '113012298765432101', visibility: 'direct', acct: 'kofi_m' },
      },
      {
        kind: 'message',
        externalId: '113012345678901234',
        sender: { externalId: '109876543210987654', name: 'Rhea', handle: 'rhea@fosstodon.org' },
        text: '@acmesupport the export button in the web app has thrown a 500 error since yesterday. Any ETA?',
        attachments: [],
        sentAt: new Date('2026-08-20T08:31:40.871Z'),
        threadKey: 'mentions',
        isPublic: true,
        meta: { statusId: '113012345678901234', visibility: 'public', acct: 'rhea@fosstodon.org' },
      },
    ]);
  });

  it('names a customer without display name by username, and keeps media and content warnings', async () => {
    const base = notifications()[0]!;
    const status = base.status as Json;
    const withMedia = {
      ...base,
      status: {
        ...status,
        spoiler_text: 'billing',
        account: { ...(status.account as Json), display_name: '' },
        media_attachments: [
          { id: '1', type: 'image', url: 'https://files.example/1.png', description: 'the invoice' },
          { id: '2', type: 'gifv', url: 'https://files.example/2.mp4' },
          { id: '3', type: 'unknown', url: null, remote_url: 'https://remote.example/3.bin' },
        ],
      },
    };
    mastodon.answer({ status: 200, body: [withMedia] });
    const [item] = (await adapter.poll(channel(), null)).items as InboundMessage[];
    expect(item!.sender.name).toBe('rhea');
    expect(item!.text).toMatch(/^CW: billing\n\n@acmesupport the export button/);
    expect(item!.attachments).toEqual([
      { type: 'image', url: 'https://files.example/1.png', name: 'the invoice' },
      { type: 'video', url: 'https://files.example/2.mp4' },
      { type: 'file', url: 'https://remote.example/3.bin' },
    ]);
  });

  it('keeps the cursor when nothing is new', async () => {
    mastodon.answer({ status: 200, body: [] });
    await expect(adapter.poll(channel(), '350071882')).resolves.toEqual({ items: [], cursor: '350071882' });
  });

  it('pages forward with min_id while pages come back full', async () => {
    mastodon.answer({ status: 200, body: mentionPage(1001, MASTODON_PAGE_SIZE) }, { status: 200, body: mentionPage(1041, 3) });
    const result = await adapter.poll(channel(), '1000');
    expect(mastodon.hits.map((h) => h.query.get('min_id'))).toEqual(['1000', '1040']);
    expect(result.items).toHaveLength(MASTODON_PAGE_SIZE + 3);
    expect((result.items[0] as InboundMessage).externalId).toBe('s1001');
    expect((result.items.at(-1) as InboundMessage).externalId).toBe('s1043');
    expect(result.cursor).toBe('1043');
  });

  it(`stops after ${MASTODON_MAX_PAGES} pages; the cursor is where the next poll goes on`, async () => {
    const pages = Array.from({ length: MASTODON_MAX_PAGES + 1 }, (_, p) => ({ status: 200, body: mentionPage(1001 + p * MASTODON_PAGE_SIZE, MASTODON_PAGE_SIZE) }));
    mastodon.answer(...pages);
    const result = await adapter.poll(channel(), '1000');
    expect(mastodon.hits).toHaveLength(MASTODON_MAX_PAGES);
    expect(result.cursor).toBe(String(1000 + MASTODON_MAX_PAGES * MASTODON_PAGE_SIZE));
  });

  it('orders ids by length, then lexically (999 before 1000)', async () => {
    mastodon.answer({ status: 200, body: [mention('1000'), mention('999')] });
    const result = await adapter.poll(channel(), '998');
    expect(result.cursor).toBe('1000');
    expect(result.items.map((i) => (i as InboundMessage).externalId)).toEqual(['s999', 's1000']);
  });

  it('ignores other notification types and deleted statuses, keeps malformed entries with their page, moving past them', async () => {
    const malformed = { ...mention('12'), status: { id: 5 } };
    mastodon.answer({ status: 200, body: [malformed, { ...mention('11'), status: null }, { id: '10', type: 'favourite', account: {} }] });
    const result = await adapter.poll(channel(), '9');
    expect(result.items).toEqual([
      { kind: 'ignored', reason: 'mastodon: favourite notification' },
      { kind: 'ignored', reason: 'mastodon: mention of a deleted status' },
      { kind: 'unreadable', reason: expect.stringContaining('status'), raw: JSON.stringify([malformed]) },
    ]);
    expect(result.cursor).toBe('12');
  });

  it('reads ids sent as JSON numbers as strings, and a kept page as the poller does', () => {
    const status = mention('13').status as Json;
    const numeric = { ...mention('13'), id: 13, status: { ...status, id: 1300, account: { ...(status.account as Json), id: 77 } } };
    expect(adapter.readPage(channel(), [numeric])).toEqual([expect.objectContaining({ kind: 'message', externalId: '1300', sender: expect.objectContaining({ externalId: '77' }) })]);
  });

  it('pauses until X-RateLimit-Reset on a 429, keeping the cursor', async () => {
    mastodon.answer({ status: 429, body: { error: 'Too many requests' }, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': inSeconds(180) } });
    const result = await adapter.poll(channel(), '350071882');
    expect(result).toEqual({ items: [], cursor: '350071882', retryAfterMs: expect.any(Number) });
    expect(result.retryAfterMs).toBeGreaterThan(175_000);
    expect(result.retryAfterMs).toBeLessThanOrEqual(181_000);
  });

  it('keeps the pages read before a 429 (min_id paging leaves no gap)', async () => {
    mastodon.answer({ status: 200, body: mentionPage(1001, MASTODON_PAGE_SIZE) }, { status: 429, body: { error: 'Too many requests' }, headers: { 'X-RateLimit-Reset': inSeconds(60) } });
    const result = await adapter.poll(channel(), '1000');
    expect(result.items).toHaveLength(MASTODON_PAGE_SIZE);
    expect(result.cursor).toBe('1040');
    expect(result.retryAfterMs).toBeGreaterThan(55_000);
  });

  it('returns the items and pauses when the limit is used up, without asking for more', async () => {
    mastodon.answer({ status: 200, body: mentionPage(1001, MASTODON_PAGE_SIZE), headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': inSeconds(120) } });
    const result = await adapter.poll(channel(), '1000');
    expect(mastodon.hits).toHaveLength(1);
    expect(result.items).toHaveLength(MASTODON_PAGE_SIZE);
    expect(result.cursor).toBe('1040');
    expect(result.retryAfterMs).toBeGreaterThan(115_000);
  });

  it('pauses a minute on a 429 without reset header', async () => {
    mastodon.answer({ status: 429, body: { error: 'Too many requests' } });
    await expect(adapter.poll(channel(), '7')).resolves.toEqual({ items: [], cursor: '7', retryAfterMs: 60_000 });
  });

  it('throws a refused poll for classifyError', async () => {
    mastodon.answer({ status: 401, body: { error: 'The access token is invalid' } });
    const error = await rejectionOf(adapter.poll(channel(), null));
    expect(adapter.classifyError(error)).toEqual({ retry: false, reason: expect.stringMatching(/access token.*The access token is invalid/) });
  });

  it('refuses an answer that is not a list', async () => {
    mastodon.answer({ status: 200, body: { error: 'odd' } });
    const error = await rejectionOf(adapter.poll(channel(), null));
    expect(adapter.classifyError(error)).toEqual({ retry: true, reason: expect.stringMatching(/^Mastodon answered in a shape Rapport cannot read: Mastodon notifications/) });
  });
});

describe('MastodonAdapter.send', () => {
  const text = "sorry about that - we've reset the mail queue for your account, please try the reset link again.";
  const context = (overrides: Partial<OutboundContext> = {}): OutboundContext => ({
    channel: channel(),
    messageId: '5f0c6a4e-2f4b-4a43-9d51-1b0e8d1c9a77',
    text,
    recipient: { externalId: '110011223344556677', handle: 'kofi_m' },
    conversation: { id: 'conv-1', threadKey: '', isPublic: false },
    replyTo: { externalId: '113012298765432101', meta: { statusId: '113012298765432101', visibility: 'direct', acct: 'kofi_m' } },
    ...overrides,
  });
  const created = { ...(notifications()[1]!.status as Json), id: '113012400000000001' };

  it('posts the fixture reply with the Idempotency-Key of the message and returns the status id', async () => {
    mastodon.answer({ status: 200, body: created });
    await expect(adapter.send(context())).resolves.toEqual({ externalId: '113012400000000001' });
    const hit = mastodon.last();
    expect(hit.method).toBe('POST');
    expect(hit.path).toBe('/api/v1/statuses');
    expect(hit.headers.authorization).toBe('Bearer masto-token');
    expect(hit.headers['idempotency-key']).toBe('5f0c6a4e-2f4b-4a43-9d51-1b0e8d1c9a77');
    expect(hit.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(hit.raw)).toEqual(fixture('mastodon-status-reply-request.json'));
  });

  it('sends the same Idempotency-Key when a job retries', async () => {
    mastodon.answer({ status: 503, body: { error: 'busy' } }, { status: 200, body: created });
    await rejectionOf(adapter.send(context()));
    await adapter.send(context());
    expect(mastodon.hits.map((h) => h.headers['idempotency-key'])).toEqual(['5f0c6a4e-2f4b-4a43-9d51-1b0e8d1c9a77', '5f0c6a4e-2f4b-4a43-9d51-1b0e8d1c9a77']);
  });

  it.each([
    ['does not mention twice', '@kofi_m thanks!', '@kofi_m thanks!'],
    ['matches the mention in any case', '@Kofi_M thanks!', '@Kofi_M thanks!'],
    ['mentions a customer whose handle only starts alike', '@kofi_mensah is my colleague', '@kofi_m @kofi_mensah is my colleague'],
  ])('%s', async (_what, given, sent) => {
    mastodon.answer({ status: 200, body: created });
    await adapter.send(context({ text: given }));
    expect((JSON.parse(mastodon.last().raw) as Json).status).toBe(sent);
  });

  it('answers a public mention publicly, mentioning the remote account in full', async () => {
    mastodon.answer({ status: 200, body: created });
    await adapter.send(
      context({
        recipient: { externalId: '109876543210987654', handle: 'rhea@fosstodon.org' },
        conversation: { id: 'conv-2', threadKey: 'mentions', isPublic: true },
        replyTo: { externalId: '113012345678901234', meta: { statusId: '113012345678901234', visibility: 'public', acct: 'rhea@fosstodon.org' } },
        text: 'Fixed 🎉 — merci!',
      }),
    );
    expect(JSON.parse(mastodon.last().raw)).toEqual({ status: '@rhea@fosstodon.org Fixed 🎉 — merci!', in_reply_to_id: '113012345678901234', visibility: 'public' });
  });

  it('falls back to the recipient handle, the reply id and direct visibility when meta is missing', async () => {
    mastodon.answer({ status: 200, body: created });
    await adapter.send(context({ replyTo: { externalId: '113012298765432101', meta: {} } }));
    expect(JSON.parse(mastodon.last().raw)).toEqual({ status: `@kofi_m ${text}`, in_reply_to_id: '113012298765432101', visibility: 'direct' });
  });

  it('starts a new direct status when there is nothing to reply to', async () => {
    mastodon.answer({ status: 200, body: created });
    await adapter.send(context({ replyTo: null }));
    expect(JSON.parse(mastodon.last().raw)).toEqual({ status: `@kofi_m ${text}`, visibility: 'direct' });
  });

  it('succeeds without id when the answer has none', async () => {
    mastodon.answer({ status: 200, body: {} });
    await expect(adapter.send(context())).resolves.toEqual({ externalId: null });
  });

  it('gives up on a 422 with Mastodon\'s reason', async () => {
    mastodon.answer({ status: 422, body: { error: "Validation failed: Text can't be blank" } });
    const error = await rejectionOf(adapter.send(context({ text: '' })));
    expect(error).toBeInstanceOf(PlatformError);
    expect(adapter.classifyError(error)).toEqual({ retry: false, reason: "Mastodon refused the post (422): Validation failed: Text can't be blank" });
  });

  it('throws a PlatformError without status when the instance cannot be reached', async () => {
    const error = await rejectionOf(adapter.send(context({ channel: channel({ apiBaseUrl: await closedPortUrl() }) })));
    expect((error as PlatformError).status).toBeNull();
    expect(adapter.classifyError(error).retry).toBe(true);
  });
});

describe('MastodonAdapter.classifyError', () => {
  const reset = inSeconds(240);
  it.each([
    ['a 429 with reset', new PlatformError('Too Many Requests', 429, { error: 'Too many requests' }, { 'x-ratelimit-reset': reset }), true, /rate limit/i],
    ['a 429 without reset', new PlatformError('Too Many Requests', 429, { error: 'Too many requests' }), true, /rate limit/i],
    ['a 401', new PlatformError('Unauthorized', 401, { error: 'The access token is invalid' }), false, /access token/],
    ['a 403', new PlatformError('Forbidden', 403, { error: 'This action is outside the authorized scopes' }), false, /403.*scopes/],
    ['a 404', new PlatformError('Not Found', 404, { error: 'Record not found' }), false, /404.*Record not found/],
    ['a 422', new PlatformError('Unprocessable', 422, { error: 'Validation failed: Text character limit of 500 exceeded' }), false, /422.*500 exceeded/],
    ['a 500', new PlatformError('Internal Server Error', 500), true, /500/],
    ['a 502 with an HTML body', new PlatformError('<html>bad gateway</html>', 502, '<html>bad gateway</html>'), true, /502/],
    ['a network error', new PlatformError('ETIMEDOUT', null), true, /Network error/],
    ['an unexpected error', new Error('boom'), true, /boom/],
  ])('%s', (_what, error, retry, reason) => {
    expect(adapter.classifyError(error)).toMatchObject({ retry, reason: expect.stringMatching(reason) });
  });

  it('waits until X-RateLimit-Reset', () => {
    const verdict = adapter.classifyError(new PlatformError('Too Many Requests', 429, null, { 'x-ratelimit-reset': reset }));
    expect(verdict.retryAfterMs).toBeGreaterThan(235_000);
    expect(verdict.retryAfterMs).toBeLessThanOrEqual(241_000);
    expect(adapter.classifyError(new PlatformError('Too Many Requests', 429)).retryAfterMs).toBeUndefined();
  });
});
