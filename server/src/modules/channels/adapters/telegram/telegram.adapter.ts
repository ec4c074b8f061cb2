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
import { classifyHttpError, platformId, requestJson } from '../../http-errors.js';
import { DEFAULT_RATE_LIMIT_PAUSE_MS, baseUrlOf, configString, itemOrUnreadable, parsePayload, requireSecret, unreadableAnswer } from '../adapter-kit.js';
import { telegramBot, telegramUpdateId, telegramUpdateItem } from './telegram-updates.js';

/** `{ok: false, error_code, description, parameters?}`: every Bot API failure. */
const errorBodySchema = z.object({
  ok: z.literal(false),
  error_code: z.number().optional(),
  description: z.string().optional(),
  parameters: z.object({ retry_after: z.number().optional(), migrate_to_chat_id: z.number().optional() }).optional(),
});

const updatesSchema = z.object({ ok: z.literal(true), result: z.array(z.unknown()) });
const sentSchema = z.object({ result: z.object({ message_id: z.unknown(), chat: z.object({ id: z.unknown() }) }) });

function errorBody(error: PlatformError): z.output<typeof errorBodySchema> | null {
  const parsed = errorBodySchema.safeParse(error.body);
  return parsed.success ? parsed.data : null;
}

/** Flood control says how long to wait in `parameters.retry_after` (seconds). */
function retryAfterMs(error: PlatformError): number | undefined {
  const seconds = errorBody(error)?.parameters?.retry_after;
  return seconds !== undefined ? seconds * 1000 : undefined;
}

/** A numeric chat id goes out as a number (as Telegram documents it); `@channel` names stay strings. */
function chatIdValue(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) && Number.isSafeInteger(Number(chatId)) ? Number(chatId) : chatId;
}

/** Telegram Bot API: `getUpdates` short polls on the scheduler's interval, `sendMessage` replies. */
export class TelegramAdapter implements ChannelAdapter {
  readonly kind = 'telegram' as const;

  /** The token is part of every URL: never log these. */
  private base(channel: ChannelContext): string {
    return `${baseUrlOf(configString(channel, 'apiBaseUrl'), 'https://api.telegram.org')}/bot${requireSecret(channel, 'botToken')}`;
  }

  async poll(channel: ChannelContext, cursor: string | null): Promise<PollResult> {
    let answer: unknown;
    try {
      answer = await requestJson(`${this.base(channel)}/getUpdates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // offset = last update_id + 1 also confirms (deletes) everything before it on Telegram's side.
        body: JSON.stringify({ ...(cursor ? { offset: Number(cursor) } : {}), limit: 100, timeout: 0, allowed_updates: ['message'] }),
      });
    } catch (err) {
      if (err instanceof PlatformError && err.status === 429) return { items: [], cursor, retryAfterMs: retryAfterMs(err) ?? DEFAULT_RATE_LIMIT_PAUSE_MS };
      if (err instanceof PlatformError && err.status === 409) {
        throw new PlatformError(
          `Telegram refused getUpdates (409): another consumer is polling this bot token, or a webhook is set (deleteWebhook first). ${errorBody(err)?.description ?? ''}`.trim(),
          409,
          err.body,
          err.headers,
        );
      }
      throw err;
    }
    const items = this.readPage(channel, answer);
    const ids = parsePayload(updatesSchema, answer, 'getUpdates answer').result.map(telegramUpdateId).filter((id): id is number => id !== null);
    return { items, cursor: ids.length > 0 ? String(Math.max(...ids) + 1) : cursor };
  }

  /** A getUpdates answer: an update Rapport cannot read keeps `{ok, result: [update]}` for its dead letter. */
  readPage(channel: ChannelContext, page: unknown): InboundItem[] {
    const updates = parsePayload(updatesSchema, page, 'getUpdates answer').result;
    const bot = telegramBot(channel.secrets.botToken, configString(channel, 'botUsername'));
    return updates.map((update, i) => itemOrUnreadable(() => telegramUpdateItem(update, bot, `result[${i}]`), { ok: true, result: [update] }));
  }

  async send(context: OutboundContext): Promise<SendResult> {
    const meta = context.replyTo?.meta ?? {};
    const messageId = Number(meta.messageId);
    const body = {
      chat_id: chatIdValue(meta.chatId ?? context.recipient.externalId),
      text: context.text,
      ...(meta.messageThreadId ? { message_thread_id: Number(meta.messageThreadId) } : {}),
      // Still deliver the answer if the customer deleted the message it replies to.
      ...(Number.isSafeInteger(messageId) && meta.messageId ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } } : {}),
    };
    const answer = await requestJson(`${this.base(context.channel)}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const sent = sentSchema.safeParse(answer);
    if (!sent.success) return { externalId: null };
    const chatId = platformId(sent.data.result.chat.id);
    const sentId = platformId(sent.data.result.message_id);
    return { externalId: chatId && sentId ? `${chatId}:${sentId}` : null };
  }

  classifyError(error: unknown): ErrorVerdict {
    if (error instanceof MalformedPayloadError) return unreadableAnswer('Telegram', error);
    if (!(error instanceof PlatformError) || error.status === null || error.status >= 500) return classifyHttpError(error);
    const description = errorBody(error)?.description ?? error.message;
    switch (error.status) {
      case 429: {
        const wait = retryAfterMs(error);
        return { retry: true, reason: 'Rate limited by Telegram (flood control)', ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
      }
      case 401:
        return { retry: false, reason: 'Telegram rejected the bot token (401): check the channel\'s bot token' };
      case 409:
        return { retry: false, reason: error.message };
      default:
        if (/chat not found/i.test(description)) return { retry: false, reason: 'Telegram cannot find this chat: the customer deleted it or the bot was removed from the group' };
        if (/bot was blocked by the user/i.test(description)) return { retry: false, reason: 'The customer has blocked the bot: Telegram does not deliver to them any more' };
        return { retry: false, reason: `Telegram refused (${error.status}): ${description}` };
    }
  }
}
