import type { Attachment } from '@rapport/shared';
import { z } from 'zod';
import type { InboundItem } from '../../channel-adapter.js';
import { parsePayload } from '../adapter-kit.js';

/**
 * Telegram Update → inbound item, shared by the webhook and getUpdates. Chat and user ids can exceed
 * 32 bits but stay below 2^53, so they arrive as exact JSON numbers and are kept as strings.
 */

/** What we know about the bot: its id is the token's prefix; its username only when configured. */
export interface TelegramBot {
  id?: string;
  username?: string;
}

/** Bot tokens are `<bot id>:<secret>`. */
export function telegramBot(botToken: string | undefined, username?: string): TelegramBot {
  const id = botToken?.split(':')[0];
  return { ...(id && /^\d+$/.test(id) ? { id } : {}), ...(username ? { username: username.replace(/^@/, '') } : {}) };
}

const userSchema = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});
const chatSchema = z.object({ id: z.number().int(), type: z.string(), title: z.string().optional(), username: z.string().optional() });
const fileSchema = z.object({ file_id: z.string(), file_name: z.string().optional(), mime_type: z.string().optional(), file_size: z.number().optional() });
const entitySchema = z.object({ type: z.string(), offset: z.number().int(), length: z.number().int(), user: userSchema.optional() });
const locationSchema = z.object({ latitude: z.number(), longitude: z.number() });

const messageSchema = z.object({
  message_id: z.number().int(),
  message_thread_id: z.number().int().optional(),
  is_topic_message: z.boolean().optional(),
  from: userSchema.optional(),
  sender_chat: chatSchema.optional(),
  chat: chatSchema,
  date: z.number(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(entitySchema).optional(),
  caption_entities: z.array(entitySchema).optional(),
  reply_to_message: z.object({ from: userSchema.optional() }).optional(),
  photo: z.array(fileSchema).optional(),
  document: fileSchema.optional(),
  video: fileSchema.optional(),
  video_note: fileSchema.optional(),
  animation: fileSchema.optional(),
  voice: fileSchema.optional(),
  audio: fileSchema.extend({ title: z.string().optional() }).optional(),
  sticker: fileSchema.extend({ emoji: z.string().optional(), is_animated: z.boolean().optional(), is_video: z.boolean().optional() }).optional(),
  location: locationSchema.optional(),
  venue: z.object({ title: z.string(), address: z.string().optional(), location: locationSchema }).optional(),
  contact: z.object({ phone_number: z.string(), first_name: z.string(), last_name: z.string().optional() }).optional(),
  poll: z.unknown().optional(),
  dice: z.unknown().optional(),
  game: z.unknown().optional(),
  story: z.unknown().optional(),
});
type TelegramMessage = z.output<typeof messageSchema>;

const updateSchema = z.looseObject({ update_id: z.number().int(), message: z.unknown().optional() });

/** The `update_id` of an Update, or null when it has none (then it cannot move the cursor either). */
export function telegramUpdateId(raw: unknown): number | null {
  const parsed = z.object({ update_id: z.number().int() }).safeParse(raw);
  return parsed.success ? parsed.data.update_id : null;
}

function file(type: Attachment['type'], f: z.output<typeof fileSchema>, name: string = f.file_name ?? f.file_id, mimeType = f.mime_type): Attachment {
  return { type, name, ...(mimeType ? { mimeType } : {}), ...(f.file_size !== undefined ? { size: f.file_size } : {}) };
}

/** Every kind of content a message can carry, as metadata: nothing is dropped silently. */
function attachmentsOf(m: TelegramMessage): Attachment[] {
  const list: Attachment[] = [];
  // Photos come in several sizes, smallest first: the last is the original.
  const photo = m.photo?.at(-1);
  if (photo) list.push(file('image', photo, photo.file_id, 'image/jpeg'));
  if (m.document) list.push(file('file', m.document));
  if (m.video) list.push(file('video', m.video));
  if (m.video_note) list.push(file('video', m.video_note, m.video_note.file_id, 'video/mp4'));
  if (m.animation) list.push(file('video', m.animation));
  if (m.voice) list.push(file('audio', m.voice, m.voice.file_id, m.voice.mime_type ?? 'audio/ogg'));
  if (m.audio) list.push(file('audio', m.audio, m.audio.file_name ?? m.audio.title ?? m.audio.file_id));
  if (m.sticker) {
    const s = m.sticker;
    list.push(file('sticker', s, s.file_id, s.is_animated ? 'application/x-tgsticker' : s.is_video ? 'video/webm' : 'image/webp'));
  }
  if (m.venue) list.push({ type: 'location', name: [m.venue.title, m.venue.address, `${m.venue.location.latitude},${m.venue.location.longitude}`].filter(Boolean).join(', ') });
  else if (m.location) list.push({ type: 'location', name: `${m.location.latitude},${m.location.longitude}` });
  if (m.contact) list.push({ type: 'other', name: `contact: ${[m.contact.first_name, m.contact.last_name].filter(Boolean).join(' ')} ${m.contact.phone_number}` });
  for (const kind of ['poll', 'dice', 'game', 'story'] as const) if (m[kind] !== undefined) list.push({ type: 'other', name: kind });
  return list;
}

/**
 * A group message is for us when it replies to the bot, mentions it, or addresses a command to it.
 * Without the bot's identity (the webhook does not say which bot it is for) any bot counts: Telegram
 * bot usernames always end in "bot", and in privacy mode a bot only sees messages meant for it anyway.
 */
function addressedToBot(m: TelegramMessage, bot: TelegramBot): boolean {
  const isBot = (user: z.output<typeof userSchema> | undefined): boolean =>
    user !== undefined && (bot.id !== undefined ? String(user.id) === bot.id : user.is_bot === true);
  if (isBot(m.reply_to_message?.from)) return true;
  const text = m.text ?? m.caption ?? '';
  return (m.entities ?? m.caption_entities ?? []).some((e) => {
    if (e.type === 'text_mention') return isBot(e.user);
    if (e.type !== 'mention' && e.type !== 'bot_command') return false;
    // Offsets are UTF-16 code units, like JavaScript string indexes.
    const part = text.slice(e.offset, e.offset + e.length);
    const at = part.indexOf('@');
    if (at < 0) return false;
    const name = part.slice(at + 1).toLowerCase();
    return bot.username !== undefined ? name === bot.username.toLowerCase() : name.endsWith('bot');
  });
}

/** The Update envelope (its update_id); a body without one is not a Telegram update at all. */
export function telegramUpdate(raw: unknown, what = 'Telegram update'): z.output<typeof updateSchema> {
  return parsePayload(updateSchema, raw, what);
}

/**
 * One Update → one item: private messages and group messages addressed to the bot become messages. A
 * message Rapport cannot read throws MalformedPayloadError naming `path` (the caller keeps a dead letter).
 */
export function telegramUpdateItem(raw: unknown, bot: TelegramBot = {}, path = 'update'): InboundItem {
  const update = telegramUpdate(raw, path);
  if (update.message === undefined) {
    const kind = Object.keys(update).find((key) => key !== 'update_id') ?? 'empty update';
    return { kind: 'ignored', reason: `telegram: ${kind}` };
  }
  const m = parsePayload(messageSchema, update.message, `${path}.message`);
  const chatType = m.chat.type;
  const isGroup = chatType === 'group' || chatType === 'supergroup';
  if (chatType !== 'private' && !isGroup) return { kind: 'ignored', reason: `telegram: message in a ${chatType}` };
  // Anonymous admins and linked channels post as a chat; `from` is then a placeholder bot.
  const sender = m.sender_chat
    ? { externalId: String(m.sender_chat.id), name: m.sender_chat.title, handle: m.sender_chat.username }
    : m.from && !m.from.is_bot
      ? { externalId: String(m.from.id), name: [m.from.first_name, m.from.last_name].filter(Boolean).join(' ') || undefined, handle: m.from.username }
      : null;
  if (!sender) return { kind: 'ignored', reason: 'telegram: message from a bot' };
  if (isGroup && !addressedToBot(m, bot)) return { kind: 'ignored', reason: 'telegram: group message not addressed to the bot' };
  const attachments = attachmentsOf(m);
  const text = m.text ?? m.caption ?? '';
  if (text === '' && attachments.length === 0) return { kind: 'ignored', reason: 'telegram: service message' };
  const chatId = String(m.chat.id);
  return {
    kind: 'message',
    // message_id is unique per chat only.
    externalId: `${chatId}:${m.message_id}`,
    sender,
    text,
    attachments,
    sentAt: new Date(m.date * 1000),
    threadKey: isGroup ? `chat:${chatId}` : '',
    isPublic: isGroup,
    meta: {
      chatId,
      messageId: String(m.message_id),
      // Forum topics: the reply must go to the same topic.
      ...(m.is_topic_message && m.message_thread_id !== undefined ? { messageThreadId: String(m.message_thread_id) } : {}),
    },
  };
}
