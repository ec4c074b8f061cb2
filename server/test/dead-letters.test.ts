import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { AuditEntry, Channel, DeadLetter, DeadLetterPage, DeadLetterRetry, Page } from '@rapport/shared';
import { hmacSha256Hex } from '../src/modules/channels/signature.js';
import { fingerprintOf } from '../src/modules/dead-letters/dead-letter-rules.js';
import { client, eventually, login, startTestApp, storedMessage, type TestApp } from './support/test-app.js';

const META_SECRET = 'dead-letters-meta-secret';
const TELEGRAM_SECRET = 'dead-letters-telegram-secret';
const PAGE = '104857600099001';
/** Beyond 2^53: a JSON number this long only survives as its digits. */
const NUMERIC_SENDER = '17841405822304914';
/** A port nothing listens on: profile lookups fail quietly instead of reaching Facebook. */
const NOWHERE = 'http://127.0.0.1:9';

/** A Bot API stand-in: hands out one page of updates, then nothing. */
class FakeTelegram {
  private server: Server | null = null;
  private pages: unknown[][] = [];

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const result = req.url?.endsWith('/getUpdates') ? (this.pages.shift() ?? []) : [];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, result }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  serve(updates: unknown[]): void {
    this.pages.push(updates);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** One Messenger event as Meta sends it, its sender id written as given (a JSON number when unquoted). */
const messengerEvent = (mid: string, senderJson: string, text: string): string =>
  `{"sender":{"id":${senderJson}},"recipient":{"id":"${PAGE}"},"timestamp":1787213702000,"message":{"mid":"${mid}","text":"${text}"}}`;

const pageBody = (entries: string[][]): string => `{"object":"page","entry":[${entries.map((events, i) => `{"id":"${PAGE}","time":${1787213702417 + i},"messaging":[${events.join(',')}]}`).join(',')}]}`;

/** A sample's value in Prometheus text, 0 when the series is not there yet. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('dead letters: an event Rapport acknowledged but cannot read is kept, counted, listed and retried', () => {
  let app: TestApp;
  let db: pg.Client;
  let admin: ReturnType<typeof client>;
  let channel: Channel;
  const telegram = new FakeTelegram();
  let telegramChannel: Channel;

  const DEAD_TOTAL = 'rapport_dead_letters_total{channel_kind="facebook",source="webhook:meta"}';
  const metrics = async (): Promise<string> => (await fetch(`${app.baseUrl}/metrics`)).text();

  async function postMeta(raw: string): Promise<Response> {
    return fetch(`${app.baseUrl}/webhooks/meta`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${hmacSha256Hex(META_SECRET, raw)}` }, body: raw });
  }

  const lettersOf = async (source: string): Promise<Array<{ id: string; raw_body: string; reason: string; status: string; attempts: number; channel_id: string | null; channel_kind: string }>> =>
    (await db.query('SELECT id, raw_body, reason, status, attempts, channel_id, channel_kind FROM dead_letters WHERE source = $1 ORDER BY created_at', [source])).rows;

  const countMessages = async (externalId: string): Promise<number> => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE external_id = $1', [externalId])).rows[0]!.n;

  /** Inbound jobs are done: what they store or keep is in Postgres. */
  async function inboundSettled(): Promise<void> {
    const { QueueService } = await import('../src/core/queue.service.js');
    const { QueueName } = await import('../src/core/queues.js');
    const queue = app.app.context.get(QueueService).queue(QueueName.Inbound);
    await eventually(async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    }, 10000, 'inbound queue drained');
  }

  beforeAll(async () => {
    const telegramUrl = await telegram.start();
    app = await startTestApp({ META_APP_SECRET: META_SECRET, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET });
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    admin = client(app.baseUrl, (await login(app.baseUrl, 'admin@rapport.test')).accessToken);
    const created = await admin.post<Channel>('/api/channels', { kind: 'facebook', name: 'Facebook: Dead letters', config: { pageId: PAGE, pageAccessToken: 'page-token', apiBaseUrl: NOWHERE } });
    expect(created.status).toBe(201);
    channel = created.body;
    const bot = await admin.post<Channel>('/api/channels', { kind: 'telegram', name: 'Telegram: Dead letters', config: { botToken: '4242:bot-token', pollIntervalSeconds: 1, apiBaseUrl: telegramUrl } });
    expect(bot.status).toBe(201);
    telegramChannel = bot.body;
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await telegram.stop();
  });

  it('stores a Messenger message whose sender id arrives as a JSON number, with the id as a string, exact', async () => {
    const response = await postMeta(pageBody([[messengerEvent('m_dl_numeric', NUMERIC_SENDER, 'my parcel is late')]]));
    expect(response.status).toBe(200);
    await storedMessage(db, 'm_dl_numeric');
    const identity = await db.query<{ external_id: string }>('SELECT i.external_id FROM customer_identities i JOIN messages m ON m.channel_id = i.channel_id WHERE m.external_id = $1', ['m_dl_numeric']);
    expect(identity.rows.map((r) => r.external_id)).toEqual([NUMERIC_SENDER]);
    await inboundSettled();
    expect(await lettersOf('webhook:meta')).toEqual([]);
  });

  describe('a body with an unreadable entry', () => {
    const raw = pageBody([[messengerEvent('m_dl_good_1', '"U-dl-1"', 'first'), messengerEvent('m_dl_bad', 'true', 'lost?')], [messengerEvent('m_dl_good_2', '"U-dl-2"', 'second')]]);
    let before: number;

    beforeAll(async () => {
      before = sample(await metrics(), DEAD_TOTAL);
      const response = await postMeta(raw);
      expect(response.status).toBe(200);
      await inboundSettled();
    });

    it('answers 200, stores the good entries of that body and keeps the raw body with the reason', async () => {
      expect(await countMessages('m_dl_good_1')).toBe(1);
      expect(await countMessages('m_dl_good_2')).toBe(1);
      expect(await countMessages('m_dl_bad')).toBe(0);
      expect(await lettersOf('webhook:meta')).toEqual([
        { id: expect.any(String), raw_body: raw, reason: 'entry[0].messaging[1].sender.id: expected string, got boolean', status: 'pending', attempts: 1, channel_id: channel.id, channel_kind: 'facebook' },
      ]);
    });

    it('counts it in /metrics, and the pending ones', async () => {
      const text = await metrics();
      expect(sample(text, DEAD_TOTAL)).toBe(before + 1);
      expect(sample(text, 'rapport_dead_letters_pending')).toBe(1);
    });

    it('keeps one dead letter and one copy of each message when the platform delivers the body again', async () => {
      expect((await postMeta(raw)).status).toBe(200);
      await inboundSettled();
      expect(await lettersOf('webhook:meta')).toHaveLength(1);
      expect(await countMessages('m_dl_good_1')).toBe(1);
      expect(sample(await metrics(), DEAD_TOTAL)).toBe(before + 1);
    });

    it('lists it for admins, newest first, with the raw body and the pending count', async () => {
      const listed = await admin.get<DeadLetterPage>('/api/dead-letters');
      expect(listed.status).toBe(200);
      expect(listed.body.pending).toBe(1);
      expect(listed.body.items).toEqual([
        {
          id: expect.any(String),
          channelKind: 'facebook',
          channelId: channel.id,
          source: 'webhook:meta',
          reason: 'entry[0].messaging[1].sender.id: expected string, got boolean',
          status: 'pending',
          attempts: 1,
          createdAt: expect.any(String),
          lastTriedAt: expect.any(String),
          resolvedAt: null,
          contentType: 'application/json',
          rawBody: raw,
        },
      ]);
      expect((await admin.get<DeadLetterPage>('/api/dead-letters?status=resolved')).body.items).toEqual([]);
    });

    it('keeps a still unreadable one pending on retry, with attempts 2, and audits the retry', async () => {
      const [letter] = await lettersOf('webhook:meta');
      const retried = await admin.post<DeadLetterRetry>(`/api/dead-letters/${letter!.id}/retry`);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ outcome: 'unreadable', stored: 0, duplicates: 0, deadLetter: { id: letter!.id, status: 'pending', attempts: 2, reason: expect.stringContaining('sender.id: expected string') } });
      expect(await countMessages('m_dl_good_1')).toBe(1);
      const audit = await admin.get<Page<AuditEntry>>(`/api/audit?action=dead_letter.retried&targetId=${letter!.id}`);
      expect(audit.body.items).toEqual([expect.objectContaining({ targetType: 'dead_letter', details: expect.objectContaining({ outcome: 'unreadable', attempts: 2 }) })]);
      expect(JSON.stringify(audit.body.items[0]!.details)).not.toContain('lost?');
    });
  });

  describe('a dead letter today’s code can read', () => {
    const raw = pageBody([[messengerEvent('m_dl_fixed', '"U-dl-fixed"', 'kept while Rapport could not read it')]]);
    let id: string;

    beforeAll(async () => {
      // As an older version would have kept it.
      const row = await db.query<{ id: string }>(
        "INSERT INTO dead_letters (channel_kind, channel_id, source, raw_body, reason, fingerprint, created_at, last_tried_at) VALUES ('facebook', $1, 'webhook:meta', $2, 'an older version could not read this', $3, date_trunc('milliseconds', now() - interval '1 hour'), date_trunc('milliseconds', now() - interval '1 hour')) RETURNING id",
        [channel.id, raw, fingerprintOf('webhook:meta', channel.id, raw)],
      );
      id = row.rows[0]!.id;
    });

    it('resolves on retry and stores its message through the normal path', async () => {
      const retried = await admin.post<DeadLetterRetry>(`/api/dead-letters/${id}/retry`);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ outcome: 'resolved', stored: 1, duplicates: 0, deadLetter: { id, status: 'resolved', attempts: 2, resolvedAt: expect.any(String) } });
      const { conversationId } = await storedMessage(db, 'm_dl_fixed');
      const conversation = await admin.get<{ lastMessagePreview: string; channelId: string }>(`/api/conversations/${conversationId}`);
      expect(conversation.body).toMatchObject({ channelId: channel.id, lastMessagePreview: 'kept while Rapport could not read it' });
    });

    it('stores the message once however often it is retried', async () => {
      const again = await admin.post<DeadLetterRetry>(`/api/dead-letters/${id}/retry`);
      expect(again.body).toMatchObject({ outcome: 'resolved', stored: 0, duplicates: 1, deadLetter: { status: 'resolved', attempts: 3 } });
      expect(await countMessages('m_dl_fixed')).toBe(1);
    });

    it('is no longer counted as pending', async () => {
      expect(sample(await metrics(), 'rapport_dead_letters_pending')).toBe(1);
      expect((await admin.get<DeadLetterPage>('/api/dead-letters')).body.pending).toBe(1);
      expect((await admin.get<DeadLetterPage>('/api/dead-letters?status=resolved')).body.items.map((d) => d.id)).toEqual([id]);
    });
  });

  describe('polled pages and pinned webhooks', () => {
    it('keeps an unreadable polled update with its page, stores the good one, and moves the cursor past both', async () => {
      const good = { update_id: 501, message: { message_id: 7, date: 1787214000, chat: { id: 3001, type: 'private' }, from: { id: 3001, first_name: 'Tess' }, text: 'hello bot' } };
      const bad = { update_id: 502, message: { message_id: 'eight', date: 1787214001, chat: { id: 3001, type: 'private' }, from: { id: 3001, first_name: 'Tess' }, text: 'lost?' } };
      telegram.serve([good, bad]);
      await storedMessage(db, '3001:7');
      const [letter] = await eventually(async () => {
        const rows = await lettersOf('poll:telegram');
        return rows.length > 0 ? rows : undefined;
      }, 10000, 'the polled dead letter');
      expect(letter).toMatchObject({ channel_id: telegramChannel.id, channel_kind: 'telegram', status: 'pending', reason: expect.stringMatching(/^result\[1\]\.message: message_id/) });
      expect(JSON.parse(letter!.raw_body)).toEqual({ ok: true, result: [bad] });
      const cursor = await eventually(async () => (await db.query<{ cursor: string }>('SELECT cursor FROM channel_cursors WHERE channel_id = $1', [telegramChannel.id])).rows[0]?.cursor, 5000, 'cursor');
      expect(cursor).toBe('503');
      const retried = await admin.post<DeadLetterRetry>(`/api/dead-letters/${letter!.id}/retry`);
      expect(retried.body).toMatchObject({ outcome: 'unreadable', deadLetter: { status: 'pending', attempts: 2 } });
    });

    it('keeps an unreadable Telegram webhook update for its channel, answering 200', async () => {
      const raw = JSON.stringify({ update_id: 601, message: { message_id: 9, date: 1787214002, chat: { id: 3002, type: 'private' }, from: { id: '3002', first_name: 'Uma' }, text: 'hi' } });
      const response = await fetch(`${app.baseUrl}/webhooks/telegram/${TELEGRAM_SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
      expect(response.status).toBe(200);
      await inboundSettled();
      expect(await lettersOf('webhook:telegram')).toEqual([expect.objectContaining({ raw_body: raw, channel_id: telegramChannel.id, reason: expect.stringMatching(/^update\.message: from\.id/) })]);
    });

    it('still refuses a body that is not the platform’s envelope at all (nothing acknowledged)', async () => {
      const response = await postMeta('{"hello":"world"}');
      expect(response.status).toBe(400);
    });
  });

  describe('access and bad input', () => {
    it.each(['agent1@rapport.test', 'lead@rapport.test', 'manager@rapport.test'])('answers 403 to %s on both routes', async (email) => {
      const someone = client(app.baseUrl, (await login(app.baseUrl, email)).accessToken);
      const [letter] = await lettersOf('webhook:meta');
      expect((await someone.get('/api/dead-letters')).status).toBe(403);
      expect((await someone.post(`/api/dead-letters/${letter!.id}/retry`)).status).toBe(403);
    });

    it.each([
      ['a limit over 100', '/api/dead-letters?limit=101', /limit/],
      ['an unknown status', '/api/dead-letters?status=lost', /status must be one of/],
      ['a cursor from elsewhere', '/api/dead-letters?cursor=bm9wZQ', /cursor/],
    ])('answers 400 to %s, saying why', async (_what, path, reason) => {
      const response = await admin.get<{ message: string }>(path);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(reason);
    });

    it('answers 404 to an unknown dead letter and 400 to a non-uuid', async () => {
      expect((await admin.post('/api/dead-letters/7d0b8e1c-0000-4000-8000-000000000000/retry')).status).toBe(404);
      expect((await admin.post('/api/dead-letters/nope/retry')).status).toBe(400);
    });

    it('pages newest first with a cursor', async () => {
      const first = await admin.get<DeadLetterPage>('/api/dead-letters?limit=1');
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).not.toBeNull();
      const all: DeadLetter[] = [...first.body.items];
      let cursor = first.body.nextCursor;
      while (cursor) {
        const next = await admin.get<DeadLetterPage>(`/api/dead-letters?limit=1&cursor=${encodeURIComponent(cursor)}`);
        all.push(...next.body.items);
        cursor = next.body.nextCursor;
      }
      const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dead_letters')).rows[0]!.n;
      expect(all).toHaveLength(total);
      expect(new Set(all.map((d) => d.id)).size).toBe(total);
      const times = all.map((d) => Date.parse(d.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });
  });
});
