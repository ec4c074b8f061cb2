import type { Attachment } from '@rapport/shared';
import { z } from 'zod';
import type { InboundItem } from '../../channel-adapter.js';
import { parsePayload } from '../adapter-kit.js';

/**
 * X API v2 posts, as the mentions timeline (poll) and the X Activity API (`post.mention.create`) deliver
 * them. Ids are validated as strings: a numeric id has already lost precision in JSON.parse.
 */

const idString = z.string().regex(/^\d+$/, 'expected a numeric id as a string');

const v2PostSchema = z.object({
  id: idString,
  text: z.string(),
  author_id: idString,
  conversation_id: idString.optional(),
  created_at: z.string().optional(),
  /** Long posts: `text` is cut at 280 characters, the whole text is here. */
  note_tweet: z.object({ text: z.string() }).optional(),
  attachments: z.object({ media_keys: z.array(z.string()).optional() }).optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
});

const v2UserSchema = z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() });
const v2MediaSchema = z.object({
  media_key: z.string(),
  type: z.string(),
  url: z.string().optional(),
  preview_image_url: z.string().optional(),
  alt_text: z.string().optional(),
});

export const v2IncludesSchema = z
  .object({ users: z.array(v2UserSchema).optional(), media: z.array(v2MediaSchema).optional() })
  .optional();
export type V2Includes = z.output<typeof v2IncludesSchema>;

/** X media types (v1.1 and v2 use the same names) in Rapport's terms. */
export function xAttachment(type: string, url: string | undefined, name: string | undefined): Attachment {
  const kind: Attachment['type'] = type === 'photo' ? 'image' : type === 'video' || type === 'animated_gif' ? 'video' : 'other';
  return { type: kind, ...(url ? { url } : {}), ...(name ? { name } : {}) };
}

/** Epoch-ms digits (v1.1 `timestamp_ms`, DM `created_timestamp`) or date text; now when absent or unreadable. */
export function xDate(value: string | undefined): Date {
  const ms = value === undefined ? Number.NaN : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(ms) ? new Date() : new Date(ms);
}

/** One v2 post mentioning `accountId` → a public mention, or ignored when it is our own post or a repost. */
export function v2PostItem(raw: unknown, includes: V2Includes, accountId: string, path = 'X post'): InboundItem {
  const post = parsePayload(v2PostSchema, raw, path);
  if (post.author_id === accountId) return { kind: 'ignored', reason: 'x: our own post' };
  if (post.referenced_tweets?.some((r) => r.type === 'retweeted')) return { kind: 'ignored', reason: 'x: repost' };
  const author = includes?.users?.find((u) => u.id === post.author_id);
  const media = includes?.media ?? [];
  const attachments = (post.attachments?.media_keys ?? []).map((key) => {
    const m = media.find((item) => item.media_key === key);
    // A key without its expansion still says "there was media": shown, not dropped.
    return m ? xAttachment(m.type, m.url ?? m.preview_image_url, m.alt_text) : xAttachment('other', undefined, key);
  });
  return {
    kind: 'message',
    externalId: post.id,
    sender: { externalId: post.author_id, name: author?.name, handle: author?.username },
    text: post.note_tweet?.text ?? post.text,
    attachments,
    sentAt: xDate(post.created_at),
    threadKey: post.conversation_id ?? post.id,
    isPublic: true,
    meta: { type: 'mention' },
  };
}
