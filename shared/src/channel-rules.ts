/** What each platform accepts as a reply: how long it may be, and until when after the customer's last message. */
import type { ChannelKind } from './domain.js';

/**
 * Longest reply per platform, for private messages and for public threads (comments, mentions); null: no limit.
 * - WhatsApp 4096: `text.body` "max 4096 chars" (shared/fixtures/channels/README.md §2.3).
 * - Telegram 4096: `sendMessage` text "1-4096 chars" (fixtures README §4.2), in chats and groups alike.
 * - X 280 for posts, counted the way X weighs characters (docs.x.com "Counting characters"); DMs take 10,000.
 * - Messenger 2000 and Instagram DMs 1000 (Meta's Send API references); Page comments 8000 and Instagram
 *   comments 2200 (Meta's help pages). The fixtures README gives none of these four.
 * - Mastodon 500: an instance's default `max_characters` (instances may raise it). The `@acct` the adapter puts
 *   in front of a reply that lacks it is not counted here.
 * - The generic API channel: whatever our own systems take; the request body's 10,000 still applies.
 */
const LIMITS: Record<ChannelKind, { direct: number | null; public: number | null }> = {
  whatsapp: { direct: 4096, public: 4096 },
  telegram: { direct: 4096, public: 4096 },
  x: { direct: 10_000, public: 280 },
  facebook: { direct: 2000, public: 8000 },
  instagram: { direct: 1000, public: 2200 },
  mastodon: { direct: 500, public: 500 },
  api: { direct: null, public: null },
};

export function channelLimit(kind: ChannelKind, isPublic: boolean): number | null {
  return LIMITS[kind][isPublic ? 'public' : 'direct'];
}

/** X counts every link as 23 (t.co); only links with a scheme are recognised here. */
const X_LINK = /https?:\/\/\S+/gi;
const X_LINK_WEIGHT = 23;
const EMOJI = /\p{Extended_Pictographic}/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** X's light code points (weight 1); everything else weighs 2 (docs.x.com "Counting characters"). */
function xWeight(codePoint: number): number {
  const light = codePoint <= 0x10ff || (codePoint >= 0x2000 && codePoint <= 0x200d) || (codePoint >= 0x2010 && codePoint <= 0x201f) || (codePoint >= 0x2032 && codePoint <= 0x2037);
  return light ? 1 : 2;
}

function xLength(text: string): number {
  const normalized = text.normalize('NFC');
  const links = normalized.match(X_LINK) ?? [];
  let length = links.length * X_LINK_WEIGHT;
  for (const { segment } of graphemes.segment(normalized.replace(X_LINK, ''))) {
    // An emoji counts 2 however many code points (skin tone, joiners) it is made of.
    if (EMOJI.test(segment)) length += 2;
    else for (const char of segment) length += xWeight(char.codePointAt(0)!);
  }
  return length;
}

/** The length a platform counts: X weighs characters; the others count characters (code points). */
export function replyLength(kind: ChannelKind, text: string): number {
  return kind === 'x' ? xLength(text) : [...text].length;
}

const WHAT: Record<ChannelKind, { direct: string; public: string }> = {
  whatsapp: { direct: 'a WhatsApp message', public: 'a WhatsApp message' },
  telegram: { direct: 'a Telegram message', public: 'a Telegram message' },
  x: { direct: 'an X DM', public: 'an X post' },
  facebook: { direct: 'a Messenger message', public: 'a Facebook comment' },
  instagram: { direct: 'an Instagram DM', public: 'an Instagram comment' },
  mastodon: { direct: 'a Mastodon post', public: 'a Mastodon post' },
  api: { direct: 'an API channel message', public: 'an API channel message' },
};

export interface ReplyLengthCheck {
  length: number;
  limit: number | null;
  /** Why the platform would refuse it; null when it fits. */
  reason: string | null;
}

/** Whether a reply fits its platform, and if not, by how much it is too long. */
export function checkReplyLength(kind: ChannelKind, isPublic: boolean, text: string): ReplyLengthCheck {
  const length = replyLength(kind, text);
  const limit = channelLimit(kind, isPublic);
  if (limit === null || length <= limit) return { length, limit, reason: null };
  const counted = kind === 'x' ? ' (X counts a link as 23 and an emoji as 2)' : '';
  const what = WHAT[kind][isPublic ? 'public' : 'direct'];
  return { length, limit, reason: `Too long for ${what}: ${length} of ${limit} characters${counted}. Shorten it by ${length - limit}.` };
}

/** Meta and WhatsApp take free-form replies for 24 hours after the customer's last message. */
export const REPLY_WINDOW_MS = 24 * 3600_000;
/** From when an open window is worth a heads-up. */
export const WINDOW_CLOSING_SOON_MS = 3600_000;

export type ReplyWindow =
  /** The platform has no such rule here (other platforms, public comments). */
  | { state: 'none' }
  /** The rule applies, but when the customer last wrote is not known. */
  | { state: 'unknown' }
  | { state: 'open'; closesAt: string; closingSoon: boolean }
  | { state: 'closed'; closedAt: string; reason: string };

const WINDOW_REASONS: Partial<Record<ChannelKind, string>> = {
  facebook: "Messenger takes replies only within 24 hours of the customer's last message; after that Meta refuses the send (error 10, subcode 2018278).",
  instagram: "Instagram takes DM replies only within 24 hours of the customer's last message; after that Meta refuses the send (error 10, subcode 2018278).",
  whatsapp: "WhatsApp takes free-form replies only within 24 hours of the customer's last message; after that only approved templates go out and this reply is refused (error 131047).",
};

/**
 * Where a reply stands against the 24-hour window (fixtures README §1.4 and §2.3): private messages on
 * Messenger, Instagram and WhatsApp only; public comments are not bound by it.
 */
export function windowState(kind: ChannelKind, lastCustomerMessageAt: string | Date | null, now: Date | number, isPublic = false): ReplyWindow {
  const reason = WINDOW_REASONS[kind];
  if (!reason || isPublic) return { state: 'none' };
  const last = lastCustomerMessageAt === null ? Number.NaN : new Date(lastCustomerMessageAt).getTime();
  if (Number.isNaN(last)) return { state: 'unknown' };
  const closesAt = last + REPLY_WINDOW_MS;
  const left = closesAt - new Date(now).getTime();
  if (left <= 0) return { state: 'closed', closedAt: new Date(closesAt).toISOString(), reason };
  return { state: 'open', closesAt: new Date(closesAt).toISOString(), closingSoon: left <= WINDOW_CLOSING_SOON_MS };
}
