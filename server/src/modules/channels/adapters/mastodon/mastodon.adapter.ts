import type { Attachment } from '@rapport/shared';
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
  platformIdSchema,
  requireSecret,
  unreadableAnswer,
} from '../adapter-kit.js';

export const MASTODON_PAGE_SIZE = 40;
/** Pages read per poll; the rest follow on the next poll, since `min_id` paging resumes where it stopped. */
export const MASTODON_MAX_PAGES = 5;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  // Plain text: a non-breaking space is just a space to the reader.
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\uFFFD';
  });
}

/**
 * Mastodon status HTML → plain text: paragraphs and line breaks become newlines, tags go (link text and
 * the hidden parts of shortened URLs stay), entities are decoded last so escaped `<` is kept as text.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|blockquote|pre|h[1-6]|ul|ol)\s*>/gi, '\n\n')
    .replace(/<li\b[^>]*>/gi, '- ')
    .replace(/<\/li\s*>/gi, '\n')
    // A tag, allowing quoted attribute values that contain ">".
    .replace(/<\/?[a-z][^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>/gi, '');
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const accountSchema = z.object({ id: platformIdSchema, username: z.string(), acct: z.string(), display_name: z.string().optional() });
const mediaSchema = z.object({ type: z.string(), url: z.string().nullish(), remote_url: z.string().nullish(), description: z.string().nullish() });
const statusSchema = z.object({
  id: platformIdSchema,
  created_at: z.string(),
  visibility: z.string(),
  content: z.string(),
  spoiler_text: z.string().optional(),
  account: accountSchema,
  media_attachments: z.array(mediaSchema).optional(),
});
const notificationSchema = z.object({ id: platformIdSchema, type: z.string(), status: statusSchema.nullish() });
const errorSchema = z.object({ error: z.string() });

const MEDIA_TYPES: Record<string, Attachment['type']> = { image: 'image', gifv: 'video', video: 'video', audio: 'audio' };

function notificationItem(raw: unknown): InboundItem {
  const notification = parsePayload(notificationSchema, raw, 'Mastodon notification');
  if (notification.type !== 'mention') return { kind: 'ignored', reason: `mastodon: ${notification.type} notification` };
  const status = notification.status;
  if (!status) return { kind: 'ignored', reason: 'mastodon: mention of a deleted status' };
  const { account } = status;
  const body = htmlToText(status.content);
  const isPublic = status.visibility !== 'direct';
  return {
    kind: 'message',
    externalId: status.id,
    sender: { externalId: account.id, name: account.display_name || account.username, handle: account.acct },
    // A content warning hides the text on Mastodon; the agent needs to see both.
    text: status.spoiler_text ? `CW: ${status.spoiler_text}\n\n${body}` : body,
    attachments: (status.media_attachments ?? []).map((m) => {
      const url = m.url ?? m.remote_url;
      return { type: MEDIA_TYPES[m.type] ?? 'file', ...(url ? { url } : {}), ...(m.description ? { name: m.description } : {}) };
    }),
    sentAt: new Date(Number.isNaN(Date.parse(status.created_at)) ? Date.now() : Date.parse(status.created_at)),
    // Statuses do not name their thread's root, and a customer's answer to our reply points at our reply:
    // one conversation per customer for all public mentions keeps the exchange together.
    threadKey: isPublic ? 'mentions' : '',
    isPublic,
    meta: { statusId: status.id, visibility: status.visibility, acct: account.acct },
  };
}

/** A notification Rapport cannot read keeps a page of just itself, `[notification]`, for its dead letter. */
function mentionItem(raw: unknown): InboundItem {
  return itemOrUnreadable(() => notificationItem(raw), [raw]);
}

/** The wait `X-RateLimit-Reset` (an ISO timestamp) asks for, if the header is there. */
function resetWait(headers: Record<string, string>): number | undefined {
  const reset = Date.parse(headers['x-ratelimit-reset'] ?? '');
  return Number.isNaN(reset) ? undefined : msUntil(reset);
}

function idOf(raw: unknown): string | null {
  const parsed = z.object({ id: platformIdSchema }).safeParse(raw);
  return parsed.success ? parsed.data.id : null;
}

/** Whether the text already opens with the mention (then it is not added twice). */
function startsWithMention(text: string, mention: string): boolean {
  return text.slice(0, mention.length).toLowerCase() === mention.toLowerCase() && (text.length === mention.length || /\s/.test(text.charAt(mention.length)));
}

/** Mastodon: mentions by polling notifications, replies as statuses in the same visibility. */
export class MastodonAdapter implements ChannelAdapter {
  readonly kind = 'mastodon' as const;
  /** Mastodon remembers an `Idempotency-Key` for an hour. */
  readonly idempotencyWindowMs = 3_600_000;

  private base(channel: ChannelContext): string {
    return baseUrlOf(configString(channel, 'apiBaseUrl'), configString(channel, 'instanceUrl'));
  }

  /**
   * Mentions newer than `cursor` (a notification id), oldest first. `min_id` pages forward from the
   * cursor, so stopping early (page limit, rate limit) leaves no gap: the next poll resumes there.
   */
  async poll(channel: ChannelContext, cursor: string | null): Promise<PollResult> {
    const headers = { authorization: `Bearer ${requireSecret(channel, 'accessToken')}` };
    const notifications: Array<{ id: string | null; raw: unknown }> = [];
    let minId = cursor;
    let retryAfterMs: number | undefined;
    for (let page = 0; page < MASTODON_MAX_PAGES; page++) {
      const query = new URLSearchParams({ 'types[]': 'mention', limit: String(MASTODON_PAGE_SIZE), ...(minId ? { min_id: minId } : {}) });
      let response: JsonResponse;
      try {
        response = await requestJsonWithHeaders(`${this.base(channel)}/api/v1/notifications?${query}`, { method: 'GET', headers });
      } catch (err) {
        if (!(err instanceof PlatformError) || err.status !== 429) throw err;
        retryAfterMs = resetWait(err.headers) ?? DEFAULT_RATE_LIMIT_PAUSE_MS;
        break;
      }
      const list = parsePayload(z.array(z.unknown()), response.body, 'Mastodon notifications');
      for (const raw of list) notifications.push({ id: idOf(raw), raw });
      const newest = newestId(
        list.map(idOf).filter((id): id is string => id !== null),
        minId,
      );
      if (response.headers['x-ratelimit-remaining'] === '0') retryAfterMs = resetWait(response.headers) ?? DEFAULT_RATE_LIMIT_PAUSE_MS;
      if (list.length < MASTODON_PAGE_SIZE || retryAfterMs !== undefined || newest === minId) break;
      minId = newest;
    }
    // Pages come newest first; the inbox wants them in the order they were written.
    const items = notifications.sort((a, b) => compareIds(a.id ?? '', b.id ?? '')).map(({ raw }) => mentionItem(raw));
    const next = newestId(
      notifications.flatMap((n) => (n.id === null ? [] : [n.id])),
      cursor,
    );
    return { items, cursor: next, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }

  /** A notifications page (a JSON array), as `poll` reads each one. */
  readPage(_channel: ChannelContext, page: unknown): InboundItem[] {
    return parsePayload(z.array(z.unknown()), page, 'Mastodon notifications').map(mentionItem);
  }

  async send(context: OutboundContext): Promise<SendResult> {
    const meta = context.replyTo?.meta ?? {};
    const acct = meta.acct ?? context.recipient.handle ?? undefined;
    const mention = acct ? `@${acct.replace(/^@/, '')}` : undefined;
    // A direct status reaches only the accounts it mentions: it must open with the customer's @acct.
    const status = mention && !startsWithMention(context.text, mention) ? `${mention} ${context.text}` : context.text;
    const inReplyTo = meta.statusId ?? context.replyTo?.externalId;
    const answer = await requestJson(`${this.base(context.channel)}/api/v1/statuses`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${requireSecret(context.channel, 'accessToken')}`,
        'content-type': 'application/json',
        // Mastodon remembers the key for an hour: a retried job cannot post twice.
        'idempotency-key': context.messageId,
      },
      body: JSON.stringify({ status, ...(inReplyTo ? { in_reply_to_id: inReplyTo } : {}), visibility: meta.visibility ?? 'direct' }),
    });
    return { externalId: platformId(idOf(answer)) };
  }

  classifyError(error: unknown): ErrorVerdict {
    if (error instanceof MalformedPayloadError) return unreadableAnswer('Mastodon', error);
    if (!(error instanceof PlatformError) || error.status === null || error.status >= 500) return classifyHttpError(error);
    const parsed = errorSchema.safeParse(error.body);
    const detail = parsed.success ? parsed.data.error : error.message;
    switch (error.status) {
      case 429: {
        const wait = resetWait(error.headers);
        return { retry: true, reason: 'Rate limited by Mastodon', ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
      }
      case 401:
        return { retry: false, reason: `Mastodon rejected the access token (401): reconnect the account. ${detail}` };
      case 422:
        return { retry: false, reason: `Mastodon refused the post (422): ${detail}` };
      default:
        return { retry: false, reason: `Mastodon refused (${error.status}): ${detail}` };
    }
  }
}
