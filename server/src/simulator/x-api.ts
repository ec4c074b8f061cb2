import type { ServerResponse } from 'node:http';
import { SIMULATED_ACCOUNTS, SIMULATED_PROFILES } from './accounts.js';
import type { SimContext } from './context.js';
import type { CustomerSaid, SimCustomer, ThreadHint } from './customers.js';
import { bearerToken, int, isRecord, sendJson, str, tokenMatches, type Params, type SimRequest } from './http-util.js';
import { compareIds, isDecimalId, stableDigits } from './ids.js';
import { enqueue, remember } from './memory.js';
import type { Language } from './scenarios.js';
import { sendAnswer, xProblem } from './platform-errors.js';
import { RateWindow } from './rate-window.js';

const X_MENTIONS_PATH = /^\/2\/users\/([^/]+)\/mentions$/;
const X_DM_PATH = /^\/2\/dm_conversations\/with\/([^/]+)\/messages$/;
const X_DM_EVENTS_PATH = /^\/2\/dm_conversations\/with\/([^/]+)\/dm_events$/;
const X_USER_POSTS_PATH = /^\/2\/users\/([^/]+)\/tweets$/;
const X_APP = { id: '3033300', name: 'Twitter Web App', url: 'https://mobile.twitter.com' };
const CITIES: Record<Language, string> = { en: 'Leeds, UK', es: 'Sevilla, España', fr: 'Lyon, France', de: 'Köln, Deutschland', pt: 'São Paulo, Brasil', it: 'Torino, Italia' };

/** One message of a DM conversation, as the DM lookup answers it. */
interface DmEvent {
  id: string;
  participant: string;
  sender_id: string;
  text: string;
  created_at: string;
}

const isoSeconds = (at: number): string => new Date(at).toISOString().replace(/\.\d{3}Z$/, '.000Z');

interface TweetRecord {
  /** The v2 Post object, all fields. */
  data: Record<string, unknown>;
  author: SimCustomer | null;
  conversationId: string;
}

function avatarUrl(customer: SimCustomer): string {
  return `https://pbs.twimg.com/profile_images/${stableDigits(`avatar:${customer.key}`, 19)}/avatar_normal.jpg`;
}

function rateHeaders(limit: number, window: { remaining: number; resetMs: number }): Record<string, string> {
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(window.remaining),
    'x-rate-limit-reset': String(Math.ceil(window.resetMs / 1000)),
  };
}

/** X's 400 for a bad parameter. */
function invalid(res: ServerResponse, message: string, parameter?: Record<string, unknown>): void {
  sendJson(res, 400, {
    errors: [{ ...(parameter ? { parameters: parameter } : {}), message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}

/** An Account Activity `direct_message_events` webhook: the event plus both users, in the v1.1 user format. */
function dmWebhook(customer: SimCustomer, eventId: string, text: string, now: number): unknown {
  const us = SIMULATED_ACCOUNTS.x.userId;
  return {
    for_user_id: us,
    direct_message_events: [
      {
        type: 'message_create',
        id: eventId,
        created_timestamp: String(now),
        message_create: {
          target: { recipient_id: us },
          sender_id: customer.platformId,
          source_app_id: X_APP.id,
          message_data: { text, entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] } },
        },
      },
    ],
    apps: { [X_APP.id]: X_APP },
    users: {
      [customer.platformId]: {
        id: customer.platformId,
        created_timestamp: '1583235730000',
        name: customer.name,
        screen_name: customer.handle,
        location: CITIES[customer.language],
        description: '',
        protected: false,
        verified: false,
        followers_count: 100 + Number(stableDigits(`followers:${customer.key}`, 3)),
        friends_count: 150,
        statuses_count: 1200,
        profile_image_url_https: avatarUrl(customer),
      },
      [us]: {
        id: us,
        created_timestamp: '1642067200000',
        name: SIMULATED_PROFILES.x.name,
        screen_name: SIMULATED_PROFILES.x.username,
        location: 'Manchester, UK',
        description: 'Official Rapport customer care.',
        url: 'https://t.co/RapportCare',
        protected: false,
        verified: true,
        followers_count: 58231,
        friends_count: 12,
        statuses_count: 40211,
        profile_image_url_https: 'https://pbs.twimg.com/profile_images/1482233445566778899/rapport_normal.jpg',
      },
    },
  };
}

/** X API v2: DMs arrive as Account Activity webhooks, mentions wait for Rapport's poller; posts and DMs are sent here. */
export class XApi {
  private readonly tweets = new Map<string, TweetRecord>();
  /** Our own posts, oldest first, for the user posts timeline (`GET /2/users/:id/tweets`). */
  private readonly ownPosts: string[] = [];
  /** DMs both ways, oldest first, for the DM lookup. */
  private readonly dmEvents: DmEvent[] = [];
  /** Mention ids, oldest first, for the mentions timeline. */
  private readonly mentions: string[] = [];
  private readonly mentionsWindow = new RateWindow(450, 15 * 60_000);
  private readonly tweetsWindow = new RateWindow(100, 15 * 60_000);
  private readonly dmWindow = new RateWindow(1440, 24 * 3_600_000);

  constructor(private readonly ctx: SimContext) {}

  get queued(): number {
    return this.mentions.length;
  }

  // Customers speaking -------------------------------------------------------------------------------------

  async sayDm(customer: SimCustomer, text: string): Promise<CustomerSaid> {
    const now = Date.now();
    const eventId = this.ctx.ids.tweetId();
    enqueue(this.dmEvents, { id: eventId, participant: customer.platformId, sender_id: customer.platformId, text, created_at: isoSeconds(now) });
    const delivered = await this.ctx.webhooks.toX(dmWebhook(customer, eventId, text, now), `x DM from ${customer.name}`);
    return { externalId: eventId, senderId: customer.platformId, delivered };
  }

  sayMention(customer: SimCustomer, text: string, thread?: ThreadHint): CustomerSaid {
    const id = this.ctx.ids.tweetId();
    const mention = `@${SIMULATED_PROFILES.x.username}`;
    const fullText = text.includes(mention) ? text : `${mention} ${text}`;
    const start = fullText.indexOf(mention);
    const inThread = thread?.type === 'x-mention' ? thread : null;
    const data: Record<string, unknown> = {
      id,
      text: fullText,
      author_id: customer.platformId,
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, '.000Z'),
      conversation_id: inThread ? inThread.conversationId : id,
      ...(inThread ? { in_reply_to_user_id: SIMULATED_ACCOUNTS.x.userId, referenced_tweets: [{ type: 'replied_to', id: inThread.replyToTweetId }] } : {}),
      entities: { mentions: [{ start, end: start + mention.length, username: SIMULATED_PROFILES.x.username, id: SIMULATED_ACCOUNTS.x.userId }] },
      edit_history_tweet_ids: [id],
      lang: customer.language,
    };
    remember(this.tweets, id, { data, author: customer, conversationId: String(data.conversation_id) });
    enqueue(this.mentions, id);
    this.ctx.log(`queued x mention ${id} from ${customer.name}`);
    return { externalId: id, senderId: customer.platformId, delivered: true };
  }

  // The stand-in --------------------------------------------------------------------------------------------

  async handle({ method, path, query, parsed, req, res }: SimRequest): Promise<void> {
    if (!tokenMatches(bearerToken(req), SIMULATED_ACCOUNTS.x.accessToken)) return sendAnswer(res, xProblem(401, 'Unauthorized'));
    const body = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
    if (!parsed.ok) return invalid(res, 'Request body is not valid JSON');

    const mentions = X_MENTIONS_PATH.exec(path);
    if (method === 'GET' && mentions) return this.mentionsPage(mentions[1] ?? '', query, res);
    if (method === 'GET' && path === '/2/users/me') {
      return sendJson(res, 200, { data: { id: SIMULATED_ACCOUNTS.x.userId, name: SIMULATED_PROFILES.x.name, username: SIMULATED_PROFILES.x.username } });
    }
    if (method === 'POST' && path === '/2/tweets') return this.post(path, body, res);
    const dm = X_DM_PATH.exec(path);
    if (method === 'POST' && dm) return this.sendDm(path, dm[1] ?? '', body, res);
    const dmEvents = X_DM_EVENTS_PATH.exec(path);
    if (method === 'GET' && dmEvents) return this.dmLookup(dmEvents[1] ?? '', query, res);
    const posts = X_USER_POSTS_PATH.exec(path);
    if (method === 'GET' && posts) return this.userPosts(posts[1] ?? '', query, res);
    sendJson(res, 404, { title: 'Not Found Error', detail: `Sorry, that page does not exist: ${method} ${path}`, type: 'https://api.twitter.com/2/problems/resource-not-found', status: 404 });
  }

  /** POST /2/tweets: a public reply (or a new post). */
  private post(path: string, body: Record<string, unknown>, res: ServerResponse): void {
    if (this.ctx.faults.take('x', 'send', res)) return;
    const text = str(body.text);
    if (!text || text.trim() === '') return invalid(res, 'The `text` field is required when no media or poll is attached.');
    const replyTo = isRecord(body.reply) ? str(body.reply.in_reply_to_tweet_id) : undefined;
    if (replyTo !== undefined && !isDecimalId(replyTo)) return invalid(res, `The \`in_reply_to_tweet_id\` value [${replyTo}] is not a valid Post id.`);
    const window = this.tweetsWindow.hit(Date.now());
    const id = this.ctx.ids.tweetId();
    const original = replyTo ? this.tweets.get(replyTo) : undefined;
    const conversationId = original?.conversationId ?? replyTo ?? id;
    const data: Record<string, unknown> = {
      id,
      text,
      author_id: SIMULATED_ACCOUNTS.x.userId,
      conversation_id: conversationId,
      created_at: isoSeconds(Date.now()),
      ...(replyTo ? { referenced_tweets: [{ type: 'replied_to', id: replyTo }] } : {}),
    };
    remember(this.tweets, id, { data, author: null, conversationId });
    enqueue(this.ownPosts, id);
    this.ctx.replies.record({ kind: 'x', to: original?.author?.platformId ?? '', text, inReplyTo: replyTo ?? null, path, body, id, public: true });
    sendJson(res, 201, { data: { id, text, edit_history_tweet_ids: [id] } }, rateHeaders(this.tweetsWindow.limit, window));
    this.ctx.followUp(original?.author ?? null, { type: 'x-mention', replyToTweetId: id, conversationId });
  }

  /** POST /2/dm_conversations/with/{participant}/messages. */
  private sendDm(path: string, participant: string, body: Record<string, unknown>, res: ServerResponse): void {
    if (this.ctx.faults.take('x', 'send', res)) return;
    if (!isDecimalId(participant)) return invalid(res, `The \`participant_id\` value [${participant}] is not valid.`);
    const text = str(body.text);
    if ((!text || text.trim() === '') && body.attachments === undefined) return invalid(res, 'Either `text` or `attachments` is required.');
    const window = this.dmWindow.hit(Date.now());
    const eventId = this.ctx.ids.tweetId();
    const us = SIMULATED_ACCOUNTS.x.userId;
    const conversationId = compareIds(participant, us) < 0 ? `${participant}-${us}` : `${us}-${participant}`;
    enqueue(this.dmEvents, { id: eventId, participant, sender_id: us, text: text ?? '', created_at: isoSeconds(Date.now()) });
    this.ctx.replies.record({ kind: 'x', to: participant, text: text ?? '', inReplyTo: null, path, body, id: eventId, public: false });
    sendJson(res, 201, { data: { dm_conversation_id: conversationId, dm_event_id: eventId } }, rateHeaders(this.dmWindow.limit, window));
    this.ctx.followUp(this.ctx.customers.byId('x', participant), { type: 'dm' });
  }

  /** GET /2/dm_conversations/with/{participant}/dm_events: the conversation's messages, newest first (no paging here). */
  private dmLookup(participant: string, query: Params, res: ServerResponse): void {
    if (!isDecimalId(participant)) return invalid(res, `The \`participant_id\` value [${participant}] is not valid.`);
    const maxResults = int(query.max_results) ?? 100;
    if (maxResults < 1 || maxResults > 100) return invalid(res, `The \`max_results\` query parameter value [${String(query.max_results)}] is not between 1 and 100`);
    const fields = new Set((str(query['dm_event.fields']) ?? '').split(',').filter(Boolean));
    const page = this.dmEvents
      .filter((e) => e.participant === participant)
      .reverse()
      .slice(0, maxResults)
      .map((e) => ({
        id: e.id,
        event_type: 'MessageCreate',
        text: e.text,
        ...(fields.has('sender_id') ? { sender_id: e.sender_id } : {}),
        ...(fields.has('created_at') ? { created_at: e.created_at } : {}),
      }));
    sendJson(res, 200, page.length ? { data: page, meta: { result_count: page.length } } : { meta: { result_count: 0 } });
  }

  /** GET /2/users/{id}/tweets: the account's own posts, newest first, from `start_time` on. */
  private userPosts(userId: string, query: Params, res: ServerResponse): void {
    if (!isDecimalId(userId)) return invalid(res, `The \`id\` query parameter value [${userId}] does not match ^[0-9]{1,19}$`, { id: [userId] });
    const maxResults = int(query.max_results) ?? 10;
    if (maxResults < 5 || maxResults > 100) return invalid(res, `The \`max_results\` query parameter value [${String(query.max_results)}] is not between 5 and 100`);
    const startTime = str(query.start_time);
    const from = startTime === undefined ? Number.NEGATIVE_INFINITY : Date.parse(startTime);
    if (Number.isNaN(from)) return invalid(res, `The \`start_time\` query parameter value [${startTime ?? ''}] is not a valid time`);
    const fields = new Set((str(query['tweet.fields']) ?? str(query['post.fields']) ?? '').split(',').filter(Boolean));
    const ids = userId === SIMULATED_ACCOUNTS.x.userId ? [...this.ownPosts].reverse() : [];
    const page = ids
      .map((id) => this.tweets.get(id)?.data)
      .filter((data): data is Record<string, unknown> => data !== undefined && Date.parse(String(data.created_at)) >= from)
      .slice(0, maxResults)
      .map((data) => {
        const out: Record<string, unknown> = { id: data.id, text: data.text, edit_history_tweet_ids: [data.id] };
        for (const field of ['created_at', 'referenced_tweets', 'conversation_id', 'author_id']) if (fields.has(field) && data[field] !== undefined) out[field] = data[field];
        return out;
      });
    sendJson(res, 200, page.length ? { data: page, meta: { result_count: page.length, newest_id: page[0]!.id, oldest_id: page[page.length - 1]!.id } } : { meta: { result_count: 0 } });
  }

  /** GET /2/users/{id}/mentions: newest first, paged backwards with an opaque token. */
  private mentionsPage(userId: string, query: Params, res: ServerResponse): void {
    if (this.ctx.faults.take('x', 'poll', res)) return;
    if (!isDecimalId(userId)) return invalid(res, `The \`id\` query parameter value [${userId}] does not match ^[0-9]{1,19}$`, { id: [userId] });
    const window = this.mentionsWindow.hit(Date.now());
    const headers = rateHeaders(this.mentionsWindow.limit, window);
    if (!window.allowed) return sendAnswer(res, { ...xProblem(429, 'Too Many Requests'), headers });

    const maxResultsRaw = str(query.max_results);
    const maxResults = maxResultsRaw === undefined ? 10 : int(maxResultsRaw);
    if (maxResults === undefined || maxResults < 5 || maxResults > 100) {
      return invalid(res, `The \`max_results\` query parameter value [${maxResultsRaw ?? ''}] is not between 5 and 100`, { max_results: [maxResultsRaw] });
    }
    const sinceId = str(query.since_id);
    const untilId = str(query.until_id);
    for (const [name, value] of [['since_id', sinceId], ['until_id', untilId]] as const) {
      if (value !== undefined && !isDecimalId(value)) return invalid(res, `The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$`, { [name]: [value] });
    }
    const token = str(query.pagination_token);
    let before: string | undefined;
    if (token !== undefined) {
      const decoded = Buffer.from(token, 'base64url').toString('utf8');
      if (!/^before:[0-9]{1,20}$/.test(decoded)) return invalid(res, `The \`pagination_token\` query parameter value [${token}] is not valid`, { pagination_token: [token] });
      before = decoded.slice('before:'.length);
    }

    const matching =
      userId === SIMULATED_ACCOUNTS.x.userId
        ? this.mentions
            .filter((id) => (sinceId === undefined || compareIds(id, sinceId) > 0) && (untilId === undefined || compareIds(id, untilId) < 0))
            .filter((id) => before === undefined || compareIds(id, before) < 0)
            .sort((a, b) => compareIds(b, a))
        : [];
    const page = matching.slice(0, maxResults);
    if (page.length === 0) return sendJson(res, 200, { meta: { result_count: 0 } }, headers);

    const fields = new Set((str(query['tweet.fields']) ?? str(query['post.fields']) ?? '').split(',').filter(Boolean));
    const expansions = new Set((str(query.expansions) ?? '').split(',').filter(Boolean));
    const userFields = new Set((str(query['user.fields']) ?? '').split(',').filter(Boolean));
    const optional = ['author_id', 'created_at', 'conversation_id', 'in_reply_to_user_id', 'referenced_tweets', 'entities', 'lang'];
    const authors = new Map<string, SimCustomer>();
    const data = page.map((id) => {
      const tweet = this.tweets.get(id);
      const full = tweet?.data ?? { id, text: '' };
      if (tweet?.author) authors.set(tweet.author.platformId, tweet.author);
      const out: Record<string, unknown> = { id: full.id, text: full.text };
      for (const field of optional) if (fields.has(field) && full[field] !== undefined) out[field] = full[field];
      out.edit_history_tweet_ids = full.edit_history_tweet_ids ?? [id];
      return out;
    });
    const users = [...authors.values()].map((author) => ({
      id: author.platformId,
      name: author.name,
      username: author.handle,
      ...(userFields.has('created_at') ? { created_at: '2020-03-03T11:42:10.000Z' } : {}),
      ...(userFields.has('description') ? { description: '' } : {}),
      ...(userFields.has('verified') ? { verified: false } : {}),
      ...(userFields.has('protected') ? { protected: false } : {}),
      ...(userFields.has('profile_image_url') ? { profile_image_url: avatarUrl(author) } : {}),
    }));
    const last = page[page.length - 1] ?? '';
    const more = matching.length > page.length;
    sendJson(
      res,
      200,
      {
        data,
        ...(expansions.has('author_id') && users.length > 0 ? { includes: { users } } : {}),
        meta: {
          newest_id: page[0],
          oldest_id: last,
          result_count: page.length,
          ...(more ? { next_token: Buffer.from(`before:${last}`).toString('base64url') } : {}),
        },
      },
      headers,
    );
  }
}
