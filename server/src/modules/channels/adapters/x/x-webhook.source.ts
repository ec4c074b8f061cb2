import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { AppConfig } from '../../../../config/env.js';
import {
  MalformedPayloadError,
  type HandshakeResult,
  type InboundItem,
  type RoutedItem,
  type VerifyResult,
  type WebhookRequest,
  type WebhookSource,
} from '../../channel-adapter.js';
import { headerValue, safeEqual } from '../../signature.js';
import { itemOrUnreadable, itemsOrUnreadable, parsePayload } from '../adapter-kit.js';
import { v2IncludesSchema, v2PostItem, xAttachment, xDate } from './x-posts.js';

export const X_SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

/** `sha256=<base64 HMAC-SHA256>`: the CRC response token and the event signature alike (base64, not hex). */
export function xSignature(consumerSecret: string, message: Buffer | string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(message).digest('base64')}`;
}

const idString = z.string().regex(/^\d+$/, 'expected a numeric id as a string');

const v1MediaSchema = z.object({ type: z.string(), media_url_https: z.string().optional(), ext_alt_text: z.string().nullish() });
const v1EntitiesSchema = z.object({ media: z.array(v1MediaSchema).optional() }).optional();

/** v1.1 Tweet object of Account Activity `tweet_create_events`; only the `*_str` ids are trusted. */
const v1TweetSchema = z.object({
  id_str: idString,
  text: z.string().optional(),
  full_text: z.string().optional(),
  truncated: z.boolean().optional(),
  extended_tweet: z.object({ full_text: z.string(), extended_entities: v1EntitiesSchema, entities: v1EntitiesSchema }).optional(),
  user: z.object({ id_str: idString, name: z.string().optional(), screen_name: z.string().optional() }),
  in_reply_to_status_id_str: idString.nullish(),
  created_at: z.string().optional(),
  timestamp_ms: z.string().optional(),
  entities: v1EntitiesSchema,
  extended_entities: v1EntitiesSchema,
  retweeted_status: z.unknown().optional(),
});

const dmEventSchema = z.object({
  type: z.literal('message_create'),
  id: idString,
  created_timestamp: z.string().optional(),
  message_create: z.object({
    sender_id: idString,
    message_data: z.object({
      text: z.string().default(''),
      attachment: z.object({ type: z.string(), media: v1MediaSchema.optional() }).optional(),
    }),
  }),
});

const mapUserSchema = z.object({ name: z.string().optional(), screen_name: z.string().optional(), username: z.string().optional() });
/** AAA keys users by id as `{name, screen_name}`; XAA wraps a v2 user as `{data: {name, username}}`. */
const usersMapSchema = z.record(z.string(), z.union([z.object({ data: mapUserSchema }).transform((u) => u.data), mapUserSchema])).optional();
type UsersMap = z.output<typeof usersMapSchema>;

const aaaEnvelopeSchema = z.looseObject({ for_user_id: idString });
const xaaEnvelopeSchema = z.object({
  data: z.object({
    event_type: z.string(),
    filter: z.object({ user_id: idString }),
    payload: z.unknown(),
    includes: z.unknown().optional(),
  }),
});
const dmPayloadSchema = z.object({ direct_message_events: z.array(z.unknown()), users: usersMapSchema });

/** AAA members that describe the envelope rather than carry events. */
const AAA_ENVELOPE_KEYS = new Set(['for_user_id', 'user_has_blocked', 'users', 'apps', 'source']);

function tweetItem(raw: unknown, accountId: string, path: string): InboundItem {
  const tweet = parsePayload(v1TweetSchema, raw, path);
  // The brand's own posts and replies come through the same feed.
  if (tweet.user.id_str === accountId) return { kind: 'ignored', reason: 'x: our own post' };
  if (tweet.retweeted_status !== undefined) return { kind: 'ignored', reason: 'x: repost' };
  const extended = tweet.truncated ? tweet.extended_tweet : undefined;
  const entities = extended ? (extended.extended_entities ?? extended.entities) : (tweet.extended_entities ?? tweet.entities);
  return {
    kind: 'message',
    externalId: tweet.id_str,
    sender: { externalId: tweet.user.id_str, name: tweet.user.name, handle: tweet.user.screen_name },
    text: extended?.full_text ?? tweet.text ?? tweet.full_text ?? '',
    attachments: (entities?.media ?? []).map((m) => xAttachment(m.type, m.media_url_https, m.ext_alt_text ?? undefined)),
    sentAt: xDate(tweet.timestamp_ms ?? tweet.created_at),
    // v1.1 does not say the conversation root; the tweet replied to is the closest we know.
    threadKey: tweet.in_reply_to_status_id_str ?? tweet.id_str,
    isPublic: true,
    meta: { type: 'mention' },
  };
}

function dmItem(raw: unknown, users: UsersMap, accountId: string, path: string): InboundItem {
  const kind = z.object({ type: z.string() }).safeParse(raw);
  if (kind.success && kind.data.type !== 'message_create') return { kind: 'ignored', reason: `x: direct message event ${kind.data.type}` };
  const event = parsePayload(dmEventSchema, raw, path);
  const { sender_id: senderId, message_data: data } = event.message_create;
  // DMs the brand sends (from Rapport or elsewhere) are delivered too.
  if (senderId === accountId) return { kind: 'ignored', reason: 'x: direct message sent by us' };
  const user = users?.[senderId];
  const media = data.attachment?.media;
  return {
    kind: 'message',
    externalId: event.id,
    sender: { externalId: senderId, name: user?.name, handle: user?.screen_name ?? user?.username },
    text: data.text,
    attachments: media ? [xAttachment(media.type, media.media_url_https, media.ext_alt_text ?? undefined)] : [],
    sentAt: xDate(event.created_timestamp),
    threadKey: '',
    isPublic: false,
    meta: { type: 'dm' },
  };
}

/** Account Activity API: `{for_user_id, tweet_create_events?, direct_message_events?, users?, …}`. */
function routeAccountActivity(body: z.output<typeof aaaEnvelopeSchema>): InboundItem[] {
  const accountId = body.for_user_id;
  const users = parsePayload(usersMapSchema, body.users, 'users');
  const items: InboundItem[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (AAA_ENVELOPE_KEYS.has(key)) continue;
    const events = Array.isArray(value) ? value : typeof value === 'object' && value !== null ? [value] : [];
    // Each event on its own: one Rapport cannot read is kept as a dead letter, the others are read on.
    events.forEach((event, i) => {
      if (key === 'tweet_create_events') items.push(itemOrUnreadable(() => tweetItem(event, accountId, `${key}[${i}]`)));
      else if (key === 'direct_message_events') items.push(itemOrUnreadable(() => dmItem(event, users, accountId, `${key}[${i}]`)));
      else items.push({ kind: 'ignored', reason: `x: ${key}` });
    });
  }
  return items;
}

/** X Activity API: `{data: {event_type, filter: {user_id}, payload, includes?}}`, one event per delivery. */
function routeActivity(data: z.output<typeof xaaEnvelopeSchema>['data']): InboundItem[] {
  const accountId = data.filter.user_id;
  switch (data.event_type) {
    // Replies to the brand's posts carry the same v2 post; they are customer messages in that thread too.
    case 'post.mention.create':
    case 'post.reply.create':
      return [itemOrUnreadable(() => v2PostItem(data.payload, parsePayload(v2IncludesSchema, data.includes, 'data.includes'), accountId, 'data.payload'))];
    case 'dm.received':
      return itemsOrUnreadable(() => {
        const payload = parsePayload(dmPayloadSchema, data.payload, 'data.payload');
        return payload.direct_message_events.map((event, i) => itemOrUnreadable(() => dmItem(event, payload.users, accountId, `data.payload.direct_message_events[${i}]`)));
      });
    default:
      return [{ kind: 'ignored', reason: `x: ${data.event_type}` }];
  }
}

/** `/webhooks/x`: CRC handshake, `x-twitter-webhooks-signature`, and both webhook envelope generations. */
export class XWebhookSource implements WebhookSource {
  readonly name = 'x' as const;

  handshake(request: WebhookRequest, config: AppConfig): HandshakeResult {
    const token = request.query.crc_token;
    if (typeof token !== 'string' || token === '') return { status: 400, reason: 'missing crc_token' };
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ response_token: xSignature(config.X_CONSUMER_SECRET, token) }) };
  }

  verify(request: WebhookRequest, config: AppConfig): VerifyResult {
    const header = headerValue(request.headers, X_SIGNATURE_HEADER);
    if (!header) return { ok: false, reason: `missing ${X_SIGNATURE_HEADER} header` };
    // base64 is case-sensitive: compare exactly.
    return safeEqual(header, xSignature(config.X_CONSUMER_SECRET, request.rawBody)) ? { ok: true } : { ok: false, reason: 'signature does not match' };
  }

  route(body: unknown): RoutedItem[] {
    const aaa = aaaEnvelopeSchema.safeParse(body);
    const xaa = aaa.success ? null : xaaEnvelopeSchema.safeParse(body);
    let accountId: string;
    let items: InboundItem[];
    if (aaa.success) {
      accountId = aaa.data.for_user_id;
      items = routeAccountActivity(aaa.data);
    } else if (xaa?.success) {
      accountId = xaa.data.data.filter.user_id;
      items = routeActivity(xaa.data.data);
    } else {
      throw new MalformedPayloadError('not an X webhook envelope: expected for_user_id (Account Activity) or data.event_type with data.filter.user_id (X Activity)');
    }
    return items.map((item) => ({ address: { kind: 'x', accountId }, item }));
  }
}
