import type { IncomingMessage, ServerResponse } from 'node:http';
import { SIMULATED_ACCOUNTS, SIMULATED_PROFILES } from './accounts.js';
import type { SimContext } from './context.js';
import type { CustomerSaid, SimCustomer, ThreadHint } from './customers.js';
import { bearerToken, headerOf, int, isRecord, sendJson, str, tokenMatches, type Params, type SimRequest } from './http-util.js';
import { compareIds } from './ids.js';
import { escapeHtml, mastodonAccount, mastodonStatus, mentionHtml, mentionOf } from './mastodon-entities.js';
import { enqueue, remember } from './memory.js';
import { mastodonError, sendAnswer } from './platform-errors.js';
import { RateWindow } from './rate-window.js';

interface MastodonStatusRecord {
  status: Record<string, unknown>;
  author: SimCustomer | null;
}

interface Notification {
  id: string;
  body: Record<string, unknown>;
}

/** Mastodon: customers' mentions wait as notifications for Rapport's poller; replies are statuses posted here. */
export class MastodonApi {
  private readonly notifications: Notification[] = [];
  private readonly statuses = new Map<string, MastodonStatusRecord>();
  /** Idempotency-Key → the status it created, for an hour, as Mastodon keeps them. */
  private readonly idempotency = new Map<string, { status: Record<string, unknown>; at: number }>();
  private readonly window = new RateWindow(300, 5 * 60_000);

  constructor(private readonly ctx: SimContext) {}

  get queued(): number {
    return this.notifications.length;
  }

  // Customers speaking -------------------------------------------------------------------------------------

  say(customer: SimCustomer, text: string, isPublic: boolean, thread?: ThreadHint): CustomerSaid {
    const us = mastodonAccount(null);
    const inThread = thread?.type === 'mastodon' ? thread : null;
    const visibility = inThread ? inThread.visibility : isPublic ? 'public' : 'direct';
    const body = escapeHtml(text.replace(new RegExp(`^@${SIMULATED_ACCOUNTS.mastodon.account}\\s*`), '')).replace(/\r?\n/g, '<br />');
    const statusId = this.ctx.ids.statusId();
    const status = mastodonStatus(
      statusId,
      customer,
      `<p>${mentionHtml(us)} ${body}</p>`,
      visibility,
      inThread ? { id: inThread.inReplyToId, accountId: inThread.inReplyToAccountId } : null,
      [mentionOf(us)],
      customer.language,
    );
    remember(this.statuses, statusId, { status, author: customer });
    const id = this.ctx.ids.notificationId();
    enqueue(this.notifications, {
      id,
      body: { id, type: 'mention', created_at: new Date().toISOString(), group_key: `ungrouped-${id}`, account: mastodonAccount(customer), status },
    });
    this.ctx.log(`queued mastodon mention ${id} (${visibility}) from ${customer.name}`);
    return { externalId: statusId, senderId: customer.platformId, delivered: true };
  }

  // The stand-in --------------------------------------------------------------------------------------------

  async handle({ method, path, query, parsed, req, res }: SimRequest): Promise<void> {
    if (!tokenMatches(bearerToken(req), SIMULATED_ACCOUNTS.mastodon.accessToken)) return sendAnswer(res, mastodonError(401, 'The access token is invalid'));
    const window = this.window.hit(Date.now());
    const headers = {
      'x-ratelimit-limit': String(this.window.limit),
      'x-ratelimit-remaining': String(window.remaining),
      'x-ratelimit-reset': new Date(window.resetMs).toISOString(),
    };
    if (!window.allowed) return sendAnswer(res, { ...mastodonError(429, 'Too many requests'), headers });
    if (!parsed.ok) return sendJson(res, 400, { error: 'Error while parsing request body' }, headers);
    const body = isRecord(parsed.value) ? parsed.value : {};

    if (method === 'GET' && path === '/api/v1/notifications') return this.notificationsPage(query, res, headers);
    if (method === 'GET' && path === '/api/v1/accounts/verify_credentials') return sendJson(res, 200, mastodonAccount(null), headers);
    if (method === 'POST' && path === '/api/v1/statuses') return this.post(path, body, req, res, headers);
    sendJson(res, 404, { error: 'Record not found' }, headers);
  }

  /** GET /api/v1/notifications, with Mastodon's id cursors and Link header. */
  private notificationsPage(query: Params, res: ServerResponse, headers: Record<string, string>): void {
    if (this.ctx.faults.take('mastodon', 'poll', res)) return;
    const list = (name: string): string[] => {
      const value = query[`${name}[]`] ?? query[name];
      return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
    };
    const types = list('types');
    const excluded = list('exclude_types');
    const limit = Math.min(80, Math.max(1, int(query.limit) ?? 40));
    const minId = str(query.min_id);
    const sinceId = str(query.since_id);
    const maxId = str(query.max_id);
    const wantsMentions = (types.length === 0 || types.includes('mention')) && !excluded.includes('mention');
    const matching = wantsMentions
      ? this.notifications.filter(
          (n) =>
            (minId === undefined || compareIds(n.id, minId) > 0) &&
            (sinceId === undefined || compareIds(n.id, sinceId) > 0) &&
            (maxId === undefined || compareIds(n.id, maxId) < 0),
        )
      : [];
    // min_id pages forward from the cursor (the oldest page above it); otherwise the newest page. Newest first either way.
    const page =
      minId !== undefined && sinceId === undefined
        ? [...matching].sort((a, b) => compareIds(a.id, b.id)).slice(0, limit).reverse()
        : [...matching].sort((a, b) => compareIds(b.id, a.id)).slice(0, limit);
    const linkHeaders: Record<string, string> = {};
    const newest = page[0];
    const oldest = page[page.length - 1];
    if (newest && oldest) {
      const base = `${this.ctx.url()}/api/v1/notifications`;
      const typeParams = types.map((t) => `&types[]=${encodeURIComponent(t)}`).join('');
      linkHeaders.link = `<${base}?max_id=${oldest.id}${typeParams}>; rel="next", <${base}?min_id=${newest.id}${typeParams}>; rel="prev"`;
    }
    sendJson(
      res,
      200,
      page.map((n) => n.body),
      { ...headers, ...linkHeaders },
    );
  }

  /** POST /api/v1/statuses: a reply (public or direct), idempotent per Idempotency-Key. */
  private post(path: string, body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
    const now = Date.now();
    for (const [key, entry] of this.idempotency) if (now - entry.at > 3_600_000) this.idempotency.delete(key);
    const idempotencyKey = headerOf(req, 'idempotency-key');
    const remembered = idempotencyKey ? this.idempotency.get(idempotencyKey) : undefined;
    if (remembered) {
      this.ctx.log(`mastodon: Idempotency-Key ${idempotencyKey} seen before, same status ${String(remembered.status.id)}`);
      return sendJson(res, 200, remembered.status, headers);
    }
    if (this.ctx.faults.take('mastodon', 'send', res)) return;
    const text = str(body.status) ?? '';
    const media = body.media_ids ?? body['media_ids[]'];
    if (text.trim() === '' && (!Array.isArray(media) || media.length === 0)) {
      return sendJson(res, 422, { error: "Validation failed: Text can't be blank" }, headers);
    }
    if (text.length > 500) return sendJson(res, 422, { error: 'Validation failed: Text character limit of 500 exceeded' }, headers);
    const visibility = str(body.visibility) ?? 'public';
    if (!['public', 'unlisted', 'private', 'direct'].includes(visibility)) {
      return sendJson(res, 422, { error: 'Validation failed: Visibility is not included in the list' }, headers);
    }
    const inReplyToId = str(body.in_reply_to_id) ?? null;
    const replied = inReplyToId ? this.statuses.get(inReplyToId) : undefined;

    // Mentions in the text (`@user` or `@user@host`) of accounts this instance knows.
    const mentioned: SimCustomer[] = [];
    for (const match of text.matchAll(/(^|\s)@([A-Za-z0-9_]+(?:@[A-Za-z0-9.-]+)?)/g)) {
      const acct = match[2] ?? '';
      const who = this.ctx.customers.find((c) => c.kind === 'mastodon' && (c.acct === acct || c.handle === acct));
      if (who && !mentioned.includes(who)) mentioned.push(who);
    }
    let html = escapeHtml(text);
    for (const who of mentioned) {
      const link = mentionHtml(mastodonAccount(who));
      html = html.replace(new RegExp(`(^|\\s)@${who.acct.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_@])`), `$1${link}`);
    }
    const id = this.ctx.ids.statusId();
    const status = mastodonStatus(
      id,
      null,
      `<p>${html.replace(/\r?\n/g, '<br />')}</p>`,
      visibility,
      inReplyToId ? { id: inReplyToId, accountId: replied?.author?.platformId ?? String((replied?.status.account as { id?: unknown } | undefined)?.id ?? '') } : null,
      mentioned.map((who) => mentionOf(mastodonAccount(who))),
      str(body.language) ?? 'en',
    );
    if (status.in_reply_to_account_id === '') status.in_reply_to_account_id = null;
    remember(this.statuses, id, { status, author: null });
    if (idempotencyKey) this.idempotency.set(idempotencyKey, { status, at: now });
    const customer = replied?.author ?? mentioned[0] ?? null;
    this.ctx.replies.record({ kind: 'mastodon', to: customer?.platformId ?? '', text, inReplyTo: inReplyToId, path, body, id, public: visibility !== 'direct' });
    sendJson(res, 200, status, headers);
    this.ctx.followUp(customer, { type: 'mastodon', inReplyToId: id, inReplyToAccountId: SIMULATED_PROFILES.mastodon.accountId, visibility });
  }
}
