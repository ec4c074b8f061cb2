import { z } from 'zod';
import { type OutboundContext, type SendResult } from '../../channel-adapter.js';
import { platformId, requestJson } from '../../http-errors.js';
import { configString, parsePayload, requireSecret } from '../adapter-kit.js';

/**
 * X has no idempotency keys: a send that was interrupted before its answer was recorded is looked up
 * instead, in the DM conversation with the customer or among the brand's own recent posts.
 */

/** How far before the send began a match may be dated (clocks differ). */
const CLOCK_SLACK_MS = 60_000;

/** A reply to a DM goes back as a DM; a reply to a mention as a reply post. */
export function isDmReply(context: OutboundContext): boolean {
  const type = context.replyTo?.meta.type;
  return type === 'dm' || (type !== 'mention' && !context.conversation.isPublic);
}

const dmEventsSchema = z.object({
  data: z.array(z.object({ id: z.string(), text: z.string().optional(), sender_id: z.string().optional(), created_at: z.string().optional() })).optional(),
});

const postsSchema = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        created_at: z.string().optional(),
        referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
      }),
    )
    .optional(),
});

/** X rewrites links (t.co) and may trim: compare texts without links and with whitespace collapsed. */
export function sameText(a: string, b: string): boolean {
  const plain = (text: string) =>
    text
      .replace(/https?:\/\/\S+/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  return plain(a) === plain(b);
}

function notBefore(createdAt: string | undefined, since: Date): boolean {
  const at = Date.parse(createdAt ?? '');
  return Number.isNaN(at) || at >= since.getTime() - CLOCK_SLACK_MS;
}

/** The reply as X holds it, if it was posted since `since`. */
export async function findSentOnX(base: string, context: OutboundContext, since: Date): Promise<SendResult | null> {
  const { channel, replyTo } = context;
  const headers = { authorization: `Bearer ${requireSecret(channel, 'accessToken')}` };
  const us = configString(channel, 'userId');
  if (isDmReply(context)) {
    const query = new URLSearchParams({ 'dm_event.fields': 'id,text,sender_id,created_at', event_types: 'MessageCreate', max_results: '100' });
    const answer = await requestJson(`${base}/2/dm_conversations/with/${encodeURIComponent(context.recipient.externalId)}/dm_events?${query}`, { method: 'GET', headers });
    const events = parsePayload(dmEventsSchema, answer, 'X DM events').data ?? [];
    const ours = events.find((e) => (!us || e.sender_id === us) && sameText(e.text ?? '', context.text) && notBefore(e.created_at, since));
    return ours ? { externalId: platformId(ours.id) } : null;
  }
  // Without a post to answer the send was refused before it left (see send).
  if (!replyTo || !us) return null;
  const query = new URLSearchParams({
    start_time: new Date(since.getTime() - CLOCK_SLACK_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    max_results: '100',
    'tweet.fields': 'created_at,referenced_tweets',
    exclude: 'retweets',
  });
  const answer = await requestJson(`${base}/2/users/${encodeURIComponent(us)}/tweets?${query}`, { method: 'GET', headers });
  const posts = parsePayload(postsSchema, answer, 'X posts').data ?? [];
  const ours = posts.find((p) => (p.referenced_tweets ?? []).some((r) => r.type === 'replied_to' && r.id === replyTo.externalId) && sameText(p.text, context.text));
  return ours ? { externalId: platformId(ours.id) } : null;
}
