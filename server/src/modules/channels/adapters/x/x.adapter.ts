import { z } from 'zod';
import {
  MalformedPayloadError,
  PlatformError,
  type ChannelAdapter,
  type ChannelContext,
  type ErrorVerdict,
  type InboundItem,
  type OutboundContext,
  type PollResult,
  type SendResult,
} from '../../channel-adapter.js';
import { classifyHttpError, platformId, requestJson, requestJsonWithHeaders, type JsonResponse } from '../../http-errors.js';
import {
  DEFAULT_RATE_LIMIT_PAUSE_MS,
  baseUrlOf,
  compareIds,
  configString,
  itemOrUnreadable,
  msUntil,
  newestId,
  parsePayload,
  requireSecret,
  unreadableAnswer,
} from '../adapter-kit.js';
import { v2IncludesSchema, v2PostItem, type V2Includes } from './x-posts.js';
import { findSentOnX, isDmReply } from './x-sent-check.js';

/** The mentions timeline reaches back 800 posts: 8 pages of 100 cover all of it, so paging never stops short. */
export const X_MAX_PAGES = 8;

const mentionsPageSchema = z.object({
  data: z.array(z.unknown()).optional(),
  includes: v2IncludesSchema,
  meta: z.object({ newest_id: z.string().optional(), next_token: z.string().optional() }).optional(),
});

const problemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  period: z.string().optional(),
  errors: z.array(z.object({ message: z.string().optional() })).optional(),
});

const USAGE_CAPPED = 'https://api.twitter.com/2/problems/usage-capped';
const USAGE_CAP_PAUSE_MS = 3_600_000;

/** The wait `x-rate-limit-reset` (epoch seconds) asks for, if the header is there. */
function resetWait(headers: Record<string, string>): number | undefined {
  const reset = Number(headers['x-rate-limit-reset']);
  return headers['x-rate-limit-reset'] && Number.isFinite(reset) ? msUntil(reset * 1000) : undefined;
}

function problemOf(error: PlatformError): z.output<typeof problemSchema> {
  const parsed = problemSchema.safeParse(error.body);
  return parsed.success ? parsed.data : {};
}

function problemText(error: PlatformError): string {
  const problem = problemOf(error);
  return problem.detail ?? problem.errors?.[0]?.message ?? problem.title ?? error.message;
}

/** X: mentions by polling `GET /2/users/:id/mentions`, replies as reply posts or DMs. */
export class XAdapter implements ChannelAdapter {
  readonly kind = 'x' as const;

  private base(channel: ChannelContext): string {
    return baseUrlOf(configString(channel, 'apiBaseUrl'), 'https://api.x.com');
  }

  async send(context: OutboundContext): Promise<SendResult> {
    const { channel, replyTo } = context;
    const headers = { authorization: `Bearer ${requireSecret(channel, 'accessToken')}`, 'content-type': 'application/json' };
    if (isDmReply(context)) {
      const answer = await requestJson(`${this.base(channel)}/2/dm_conversations/with/${encodeURIComponent(context.recipient.externalId)}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: context.text }),
      });
      // Sent is sent: an answer we cannot read must not turn into a retry that posts twice.
      return { externalId: platformId(dataOf(answer).dm_event_id) };
    }
    if (!replyTo) throw new PlatformError('no post to reply to in this conversation', 400);
    const answer = await requestJson(`${this.base(channel)}/2/tweets`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: context.text, reply: { in_reply_to_tweet_id: replyTo.externalId } }),
    });
    return { externalId: platformId(dataOf(answer).id) };
  }

  /** X has no idempotency keys: an interrupted send is looked up in the DM conversation or the brand's posts. */
  findSent(context: OutboundContext, since: Date): Promise<SendResult | null> {
    return findSentOnX(this.base(context.channel), context, since);
  }

  /**
   * All mentions newer than `cursor` (a post id), oldest first. Pages follow `next_token` with the same
   * `since_id`; the cursor moves only once every page is read, so a rate limit midway discards the
   * partial read instead of skipping what it did not reach.
   */
  async poll(channel: ChannelContext, cursor: string | null): Promise<PollResult> {
    const userId = configString(channel, 'userId');
    if (!userId) throw new PlatformError('X channel has no userId', 400);
    const headers = { authorization: `Bearer ${requireSecret(channel, 'accessToken')}` };
    const posts: Array<{ id: string; raw: unknown; includes: V2Includes }> = [];
    let newest = cursor;
    let nextToken: string | undefined;
    let retryAfterMs: number | undefined;
    for (let page = 0; page < X_MAX_PAGES; page++) {
      const query = new URLSearchParams({
        ...(cursor ? { since_id: cursor } : {}),
        ...(nextToken ? { pagination_token: nextToken } : {}),
        max_results: '100',
        // Beyond the basics: long-post text, reposts and media, so nothing the customer sent is lost.
        'tweet.fields': 'author_id,conversation_id,created_at,in_reply_to_user_id,referenced_tweets,attachments,note_tweet',
        expansions: 'author_id,attachments.media_keys',
        'user.fields': 'username,name',
        'media.fields': 'type,url,preview_image_url,alt_text',
      });
      let response: JsonResponse;
      try {
        response = await requestJsonWithHeaders(`${this.base(channel)}/2/users/${encodeURIComponent(userId)}/mentions?${query}`, { method: 'GET', headers });
      } catch (err) {
        if (err instanceof PlatformError && err.status === 429) {
          // A used-up monthly or daily cap will not lift in a minute: ask again in an hour at the earliest.
          const fallback = problemOf(err).type === USAGE_CAPPED ? USAGE_CAP_PAUSE_MS : DEFAULT_RATE_LIMIT_PAUSE_MS;
          return { items: [], cursor, retryAfterMs: resetWait(err.headers) ?? fallback };
        }
        throw err;
      }
      const body = parsePayload(mentionsPageSchema, response.body, 'X mentions page');
      for (const raw of body.data ?? []) posts.push({ id: idOf(raw), raw, includes: body.includes });
      newest = newestId(body.meta?.newest_id ? [body.meta.newest_id] : [], newest);
      nextToken = body.meta?.next_token;
      if (response.headers['x-rate-limit-remaining'] === '0') retryAfterMs = resetWait(response.headers) ?? DEFAULT_RATE_LIMIT_PAUSE_MS;
      if (!nextToken) break;
      // More pages, but no requests left: read them all again after the reset rather than leave a gap.
      if (retryAfterMs !== undefined) return { items: [], cursor, retryAfterMs };
    }
    newest = newestId(
      posts.map((p) => p.id).filter((id) => id !== ''),
      newest,
    );
    // Pages come newest first; the inbox wants them in the order they were written.
    const items = posts.sort((a, b) => compareIds(a.id, b.id)).map(({ raw, includes }) => postItem(raw, includes, userId));
    return { items, cursor: newest, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }

  /** A mentions page: a post Rapport cannot read keeps `{data: [post], includes}` for its dead letter. */
  readPage(channel: ChannelContext, page: unknown): InboundItem[] {
    const userId = configString(channel, 'userId');
    if (!userId) throw new MalformedPayloadError('X channel has no userId');
    const body = parsePayload(mentionsPageSchema, page, 'X mentions page');
    return (body.data ?? []).map((raw) => postItem(raw, body.includes, userId));
  }

  classifyError(error: unknown): ErrorVerdict {
    if (error instanceof MalformedPayloadError) return unreadableAnswer('X', error);
    if (!(error instanceof PlatformError) || error.status === null || error.status >= 500) return classifyHttpError(error);
    const { status } = error;
    const problem = problemOf(error);
    if (status === 429 && problem.type === USAGE_CAPPED) {
      return { retry: false, reason: `X usage cap reached${problem.period ? ` (${problem.period})` : ''}: no more posts until the period rolls over` };
    }
    if (status === 429) {
      const wait = resetWait(error.headers);
      return { retry: true, reason: 'Rate limited by X', ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
    }
    if (status === 401) return { retry: false, reason: 'X rejected the access token (401): reconnect the X account' };
    if (status === 403) {
      return { retry: false, reason: `X refused (403): the token lacks permission (tweet.write / dm.write) or the customer cannot be reached: ${problemText(error)}` };
    }
    return { retry: false, reason: `X rejected the request (${status}): ${problemText(error)}` };
  }
}

function postItem(raw: unknown, includes: V2Includes, userId: string): InboundItem {
  return itemOrUnreadable(() => v2PostItem(raw, includes, userId), { data: [raw], ...(includes ? { includes } : {}) });
}

/** `data` of a v2 answer, or an empty object when the answer has none. */
function dataOf(answer: unknown): Record<string, unknown> {
  const parsed = z.object({ data: z.record(z.string(), z.unknown()) }).safeParse(answer);
  return parsed.success ? parsed.data.data : {};
}

function idOf(raw: unknown): string {
  const parsed = z.object({ id: z.string() }).safeParse(raw);
  return parsed.success ? parsed.data.id : '';
}
