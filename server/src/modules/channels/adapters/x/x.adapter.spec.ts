import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PlatformError, type ChannelContext, type InboundMessage, type OutboundContext } from '../../channel-adapter.js';
import { closedPortUrl, FakePlatform } from '../fake-platform.testing.js';
import { fixture, rejectionOf } from '../meta/fixtures.testing.js';
import { XAdapter, X_MAX_PAGES } from './x.adapter.js';

const BRAND = '1480112233445566778';
const adapter = new XAdapter();
const x = new FakePlatform();

beforeAll(() => x.start());
afterAll(() => x.stop());
beforeEach(() => x.reset());

function channel(config: Record<string, unknown> = {}, secrets: Record<string, string> = { accessToken: 'user-token' }): ChannelContext {
  return { id: '00000000-0000-4000-8000-0000000000c1', kind: 'x', key: null, config: { userId: BRAND, apiBaseUrl: x.url, ...config }, secrets };
}

const inSeconds = (s: number): string => String(Math.floor(Date.now() / 1000) + s);
const page = fixture('x-v2-mentions-page.json');

function post(id: string, authorId = '1290011122233344455'): Record<string, unknown> {
  return { id, text: `post ${id}`, author_id: authorId, conversation_id: id, created_at: '2026-08-20T08:00:00.000Z', edit_history_tweet_ids: [id] };
}

function mentionsPage(ids: string[], meta: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    data: ids.map((id) => post(id)),
    includes: { users: [{ id: '1290011122233344455', name: 'Priya Natarajan', username: 'priya_n_dev' }] },
    meta: { newest_id: ids[0], oldest_id: ids.at(-1), result_count: ids.length, ...meta },
  };
}

describe('XAdapter.poll', () => {
  it('asks for the mentions of the configured user, with the bearer token and the fields it reads', async () => {
    x.answer({ status: 200, body: page });
    await adapter.poll(channel(), null);
    const hit = x.last();
    expect(hit.method).toBe('GET');
    expect(hit.path).toBe(`/2/users/${BRAND}/mentions`);
    expect(hit.headers.authorization).toBe('Bearer user-token');
    expect(hit.query.has('since_id')).toBe(false);
    expect(hit.query.get('max_results')).toBe('100');
    expect(hit.query.get('tweet.fields')!.split(',')).toEqual(expect.arrayContaining(['author_id', 'conversation_id', 'created_at', 'in_reply_to_user_id']));
    expect(hit.query.get('expansions')!.split(',')).toContain('author_id');
    expect(hit.query.get('user.fields')!.split(',')).toEqual(expect.arrayContaining(['username', 'name']));
  });

  it('turns the fixture page into public mentions, oldest first, and moves the cursor to newest_id', async () => {
    x.answer({ status: 200, body: page });
    const result = await adapter.poll(channel(), '1958100000000000000');
    expect(x.last().query.get('since_id')).toBe('1958100000000000000');
    expect(result.cursor).toBe('1958118899001122334');
    expect(result.retryAfterMs).toBeUndefined();
    expect(result.items).toEqual([
      {
        kind: 'message',
        externalId: '1958112233445566778',
        sender: { externalId: '1290011122233344455', name: 'Priya Natarajan', handle: 'priya_n_dev' },
        text: 'Hey @AcmeSupport my router has been offline for 3 days, ticket 55120, still no callback.',
        attachments: [],
        sentAt: new Date('2026-08-20T08:15:02.000Z'),
        threadKey: '1958112233445566778',
        isPublic: true,
        meta: { type: 'mention' },
      },
      {
        kind: 'message',
        externalId: '1958118899001122334',
        sender: { externalId: '1377788899900011122', name: 'Marco Bellini', handle: 'marcobellini' },
        text: '@AcmeSupport 3rd time asking: where is my refund for order 77841?',
        attachments: [],
        sentAt: new Date('2026-08-20T08:31:40.000Z'),
        // A reply in someone's thread groups under the conversation root.
        threadKey: '1958090011223344556',
        isPublic: true,
        meta: { type: 'mention' },
      },
    ]);
  });

  it('keeps the cursor when there is nothing new', async () => {
    x.answer({ status: 200, body: { meta: { result_count: 0 } } });
    await expect(adapter.poll(channel(), '1958118899001122334')).resolves.toEqual({ items: [], cursor: '1958118899001122334' });
  });

  it('stays without cursor when the first poll finds nothing', async () => {
    x.answer({ status: 200, body: { meta: { result_count: 0 } } });
    await expect(adapter.poll(channel(), null)).resolves.toEqual({ items: [], cursor: null });
  });

  it('follows next_token with the same since_id and moves the cursor only past all pages', async () => {
    x.answer(
      { status: 200, body: mentionsPage(['1958000000000000005', '1958000000000000004'], { next_token: 'page-2' }) },
      { status: 200, body: mentionsPage(['1958000000000000003', '1958000000000000002'], { next_token: 'page-3' }) },
      { status: 200, body: mentionsPage(['1958000000000000001']) },
    );
    const result = await adapter.poll(channel(), '1958000000000000000');
    expect(x.hits.map((h) => [h.query.get('since_id'), h.query.get('pagination_token')])).toEqual([
      ['1958000000000000000', null],
      ['1958000000000000000', 'page-2'],
      ['1958000000000000000', 'page-3'],
    ]);
    expect(result.items.map((i) => (i as InboundMessage).externalId)).toEqual([
      '1958000000000000001',
      '1958000000000000002',
      '1958000000000000003',
      '1958000000000000004',
      '1958000000000000005',
    ]);
    expect(result.cursor).toBe('1958000000000000005');
  });

  it(`reads at most ${X_MAX_PAGES} pages per poll (the whole 800-post timeline)`, async () => {
    x.answer({ status: 200, body: mentionsPage(['1958000000000000009'], { next_token: 'again' }) });
    await adapter.poll(channel(), null);
    expect(x.hits).toHaveLength(X_MAX_PAGES);
  });

  it('orders ids as strings: by length, then lexically (never as numbers)', async () => {
    // 9007199254740993 and ...992 are the same JavaScript number.
    x.answer({ status: 200, body: { data: [post('9007199254740992'), post('9007199254740993'), post('999')], meta: { result_count: 3 } } });
    const result = await adapter.poll(channel(), '998');
    expect(result.cursor).toBe('9007199254740993');
    expect(result.items.map((i) => (i as InboundMessage).externalId)).toEqual(['999', '9007199254740992', '9007199254740993']);
  });

  it('ignores the brand\'s own posts, keeps a malformed post as unreadable with its page, and still moves past them', async () => {
    const malformed = { ...post('1958000000000000003'), author_id: 42 };
    x.answer({ status: 200, body: { data: [post('1958000000000000002', BRAND), malformed], meta: { newest_id: '1958000000000000003' } } });
    const result = await adapter.poll(channel(), '1958000000000000001');
    expect(result.items).toEqual([
      { kind: 'ignored', reason: 'x: our own post' },
      { kind: 'unreadable', reason: expect.stringContaining('author_id'), raw: JSON.stringify({ data: [malformed] }) },
    ]);
    expect(result.cursor).toBe('1958000000000000003');
  });

  it('reads a kept page again as the poller reads pages', () => {
    expect(adapter.readPage(channel(), { data: [post('1958000000000000004')] })).toEqual([expect.objectContaining({ kind: 'message', externalId: '1958000000000000004' })]);
    expect(adapter.readPage(channel(), { data: [{ ...post('1958000000000000005'), author_id: 42 }] })).toEqual([expect.objectContaining({ kind: 'unreadable' })]);
  });

  it('keeps media and long-post text of polled posts', async () => {
    const long = { ...post('1958000000000000002'), note_tweet: { text: 'the whole long story' }, attachments: { media_keys: ['3_9'] } };
    x.answer({
      status: 200,
      body: { data: [long], includes: { media: [{ media_key: '3_9', type: 'photo', url: 'https://pbs.twimg.com/media/9.jpg' }] }, meta: { newest_id: '1958000000000000002' } },
    });
    const [item] = (await adapter.poll(channel(), null)).items;
    expect(item).toMatchObject({ text: 'the whole long story', attachments: [{ type: 'image', url: 'https://pbs.twimg.com/media/9.jpg' }] });
  });

  it('pauses until x-rate-limit-reset on a 429, keeping the cursor', async () => {
    x.answer({ status: 429, body: fixture('x-v2-error-429.json'), headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': inSeconds(120) } });
    const result = await adapter.poll(channel(), '1958000000000000001');
    expect(result).toEqual({ items: [], cursor: '1958000000000000001', retryAfterMs: expect.any(Number) });
    expect(result.retryAfterMs).toBeGreaterThan(115_000);
    expect(result.retryAfterMs).toBeLessThanOrEqual(121_000);
  });

  it('pauses an hour on a usage cap without reset header', async () => {
    x.answer({ status: 429, body: { type: 'https://api.twitter.com/2/problems/usage-capped', title: 'Usage cap exceeded', period: 'Monthly', scope: 'Product' } });
    await expect(adapter.poll(channel(), '5')).resolves.toEqual({ items: [], cursor: '5', retryAfterMs: 3_600_000 });
  });

  it('throws on an answer that is not a mentions page, classified as worth retrying', async () => {
    x.answer({ status: 200, body: { data: 'nope' } });
    const error = await rejectionOf(adapter.poll(channel(), null));
    expect(adapter.classifyError(error)).toEqual({ retry: true, reason: expect.stringMatching(/^X answered in a shape Rapport cannot read: X mentions page: data/) });
  });

  it('pauses a minute on a 429 without reset header', async () => {
    x.answer({ status: 429, body: fixture('x-v2-error-429.json') });
    await expect(adapter.poll(channel(), '5')).resolves.toEqual({ items: [], cursor: '5', retryAfterMs: 60_000 });
  });

  it('discards a partial read when page 2 is rate limited, so nothing is skipped', async () => {
    x.answer(
      { status: 200, body: mentionsPage(['1958000000000000005'], { next_token: 'page-2' }) },
      { status: 429, body: fixture('x-v2-error-429.json'), headers: { 'x-rate-limit-reset': inSeconds(60) } },
    );
    const result = await adapter.poll(channel(), '1958000000000000000');
    expect(result).toMatchObject({ items: [], cursor: '1958000000000000000' });
    expect(result.retryAfterMs).toBeGreaterThan(55_000);
  });

  it('returns the items and the pause when the last request used up the limit', async () => {
    x.answer({ status: 200, body: page, headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': inSeconds(300) } });
    const result = await adapter.poll(channel(), null);
    expect(result.items).toHaveLength(2);
    expect(result.cursor).toBe('1958118899001122334');
    expect(result.retryAfterMs).toBeGreaterThan(295_000);
  });

  it('does not ask for page 2 when the limit is used up, and reads everything again after the reset', async () => {
    x.answer(
      { status: 200, body: mentionsPage(['1958000000000000005'], { next_token: 'page-2' }), headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': inSeconds(60) } },
      { status: 200, body: mentionsPage(['1958000000000000004']) },
    );
    const result = await adapter.poll(channel(), '1958000000000000000');
    expect(x.hits).toHaveLength(1);
    expect(result).toMatchObject({ items: [], cursor: '1958000000000000000' });
    expect(result.retryAfterMs).toBeGreaterThan(55_000);
  });

  it('does not pause while requests remain', async () => {
    x.answer({ status: 200, body: page, headers: { 'x-rate-limit-remaining': '449', 'x-rate-limit-reset': inSeconds(900) } });
    expect((await adapter.poll(channel(), null)).retryAfterMs).toBeUndefined();
  });

  it('throws the platform error of a refused poll, for classifyError', async () => {
    x.answer({ status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } });
    const error = await rejectionOf(adapter.poll(channel(), null));
    expect(error).toBeInstanceOf(PlatformError);
    expect(adapter.classifyError(error)).toMatchObject({ retry: false, reason: expect.stringMatching(/token/) });
  });

  it('refuses to poll without userId or token', async () => {
    await expect(adapter.poll(channel({ userId: undefined }), null)).rejects.toThrow(/userId/);
    await expect(adapter.poll(channel({}, {}), null)).rejects.toThrow(/accessToken/);
    expect(x.hits).toHaveLength(0);
  });
});

describe('XAdapter.send', () => {
  const context = (overrides: Partial<OutboundContext> = {}): OutboundContext => ({
    channel: channel(),
    messageId: 'msg-1',
    text: "@priya_n_dev Sorry Priya - we've escalated ticket 55120 and an engineer will call you before 5pm today.",
    recipient: { externalId: '1290011122233344455', handle: 'priya_n_dev' },
    conversation: { id: 'conv-1', threadKey: '1958112233445566778', isPublic: true },
    replyTo: { externalId: '1958112233445566778', meta: { type: 'mention' } },
    ...overrides,
  });

  it('answers a mention with a reply post (the fixture request) and returns its id', async () => {
    x.answer({ status: 201, body: fixture('x-v2-create-reply-response.json') });
    await expect(adapter.send(context())).resolves.toEqual({ externalId: '1958121122334455667' });
    const hit = x.last();
    expect(hit.method).toBe('POST');
    expect(hit.path).toBe('/2/tweets');
    expect(hit.headers.authorization).toBe('Bearer user-token');
    expect(hit.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(hit.raw)).toEqual(fixture('x-v2-create-reply-request.json'));
  });

  it('answers a DM with a DM to the customer (the fixture request) and returns the event id', async () => {
    x.answer({ status: 201, body: fixture('x-v2-dm-send-response.json') });
    const text = 'Hi Priya, thanks for the DM. Could you confirm the postcode on ticket 55120 so we can rebook the visit?';
    const result = await adapter.send(
      context({ text, conversation: { id: 'conv-2', threadKey: '', isPublic: false }, replyTo: { externalId: '1958115566778899001', meta: { type: 'dm' } } }),
    );
    expect(result).toEqual({ externalId: '1958122233445566778' });
    expect(x.last().path).toBe('/2/dm_conversations/with/1290011122233344455/messages');
    expect(JSON.parse(x.last().raw)).toEqual(fixture('x-v2-dm-send-request.json'));
  });

  it.each([
    ['meta says dm, even in a public conversation', { isPublic: true }, { type: 'dm' }, 'dm'],
    ['a private conversation without meta', { isPublic: false }, {}, 'dm'],
    ['meta says mention, even in a private conversation', { isPublic: false }, { type: 'mention' }, 'tweet'],
    ['a public conversation without meta', { isPublic: true }, {}, 'tweet'],
  ])('picks the endpoint from %s', async (_what, conversation, meta, expected) => {
    x.answer({ status: 201, body: { data: { id: '1', dm_event_id: '2' } } });
    await adapter.send(context({ conversation: { id: 'c', threadKey: '', ...conversation }, replyTo: { externalId: '1958112233445566778', meta } }));
    expect(x.last().path).toBe(expected === 'dm' ? '/2/dm_conversations/with/1290011122233344455/messages' : '/2/tweets');
  });

  it('cannot reply publicly without a post to reply to, and says so without calling X', async () => {
    const error = await rejectionOf(adapter.send(context({ replyTo: null })));
    expect(error).toBeInstanceOf(PlatformError);
    expect(adapter.classifyError(error)).toEqual({ retry: false, reason: expect.stringContaining('no post to reply to') });
    expect(x.hits).toHaveLength(0);
  });

  it('keeps unicode text exactly', async () => {
    x.answer({ status: 201, body: fixture('x-v2-create-reply-response.json') });
    const text = 'Désolé 🙏 — 申し訳ありません';
    await adapter.send(context({ text }));
    expect((JSON.parse(x.last().raw) as { text: string }).text).toBe(text);
  });

  it('succeeds without id when X answers without one (never retried into a double post)', async () => {
    x.answer({ status: 201, body: { data: {} } });
    await expect(adapter.send(context())).resolves.toEqual({ externalId: null });
  });

  it('throws a PlatformError with status, body and rate-limit headers', async () => {
    x.answer({ status: 429, body: fixture('x-v2-error-429.json'), headers: { 'x-rate-limit-reset': inSeconds(30) } });
    const error = await rejectionOf(adapter.send(context()));
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).status).toBe(429);
    const verdict = adapter.classifyError(error);
    expect(verdict.retry).toBe(true);
    expect(verdict.retryAfterMs).toBeGreaterThan(25_000);
  });

  it('throws a PlatformError without status when X cannot be reached', async () => {
    const error = await rejectionOf(adapter.send(context({ channel: channel({ apiBaseUrl: await closedPortUrl() }) })));
    expect((error as PlatformError).status).toBeNull();
    expect(adapter.classifyError(error).retry).toBe(true);
  });
});

describe('XAdapter.classifyError', () => {
  const reset = inSeconds(90);
  it.each([
    ['a 429 with reset', new PlatformError('Too Many Requests', 429, fixture('x-v2-error-429.json'), { 'x-rate-limit-reset': reset }), true, /rate limit/i],
    ['a 429 without reset', new PlatformError('Too Many Requests', 429, fixture('x-v2-error-429.json')), true, /rate limit/i],
    ['a usage cap', new PlatformError('Too Many Requests', 429, { type: 'https://api.twitter.com/2/problems/usage-capped', period: 'Monthly', scope: 'Product' }), false, /usage cap.*Monthly/],
    ['a 401', new PlatformError('Unauthorized', 401), false, /access token/],
    ['a 403', new PlatformError('Forbidden', 403, { detail: 'You are not permitted to send messages to this user.' }), false, /permission.*not permitted to send messages/],
    ['a 400 with a problem detail', new PlatformError('Bad Request', 400, { title: 'Invalid Request', detail: 'text is too long' }), false, /400.*text is too long/],
    ['a 400 with legacy errors', new PlatformError('Bad Request', 400, { errors: [{ code: 187, message: 'Status is a duplicate.' }] }), false, /duplicate/],
    ['a 503', new PlatformError('Service Unavailable', 503), true, /503/],
    ['a network error', new PlatformError('ECONNRESET', null), true, /Network error/],
    ['an unexpected error', new TypeError('fetch failed'), true, /fetch failed/],
  ])('%s', (_what, error, retry, reason) => {
    const verdict = adapter.classifyError(error);
    expect(verdict).toMatchObject({ retry, reason: expect.stringMatching(reason) });
  });

  it('waits until x-rate-limit-reset on a 429', () => {
    const verdict = adapter.classifyError(new PlatformError('Too Many Requests', 429, null, { 'x-rate-limit-reset': reset }));
    expect(verdict.retryAfterMs).toBeGreaterThan(85_000);
    expect(verdict.retryAfterMs).toBeLessThanOrEqual(91_000);
    expect(adapter.classifyError(new PlatformError('Too Many Requests', 429)).retryAfterMs).toBeUndefined();
  });
});
