import type { ServerResponse } from 'node:http';
import { SIMULATED_ACCOUNTS, SIMULATED_PROFILES } from './accounts.js';
import type { SimContext } from './context.js';
import type { CustomerSaid, SimCustomer, ThreadHint } from './customers.js';
import { int, isRecord, sendJson, str, tokenMatches, type Params, type SimRequest } from './http-util.js';
import { enqueue, remember } from './memory.js';
import { sendAnswer, telegramError } from './platform-errors.js';

/** `/bot{token}/{method}` */
export const TELEGRAM_PATH = /^\/bot([^/]+)\/([A-Za-z]+)$/;

type TelegramChat = Record<string, unknown> & { id: number };
export type TelegramMessage = Record<string, unknown> & { message_id: number; chat: TelegramChat };

interface TelegramMessageRecord {
  message: TelegramMessage;
  author: SimCustomer | null;
}

interface TelegramUpdate {
  update_id: number;
  message: TelegramMessage;
}

type PollOutcome = 'update' | 'conflict' | 'closed' | 'timeout';

interface PendingPoll {
  finish(outcome: PollOutcome): void;
}

/** Telegram nests one level only: the message replied to comes without its own reply_to_message. */
function withoutReply(message: TelegramMessage): Record<string, unknown> {
  return Object.fromEntries(Object.entries(message).filter(([key]) => key !== 'reply_to_message'));
}

function botUser(): Record<string, unknown> {
  return {
    id: SIMULATED_PROFILES.telegram.botId,
    is_bot: true,
    first_name: SIMULATED_PROFILES.telegram.firstName,
    username: SIMULATED_PROFILES.telegram.username,
  };
}

function userOf(customer: SimCustomer): { id: number; is_bot: false; first_name: string; last_name?: string; username: string; language_code: string } {
  const [first, ...rest] = customer.name.split(' ');
  return {
    id: Number(customer.platformId),
    is_bot: false,
    first_name: first ?? customer.name,
    ...(rest.length > 0 ? { last_name: rest.join(' ') } : {}),
    username: customer.handle,
    language_code: customer.language,
  };
}

/** The Telegram Bot API: customers' messages (private or in the group) wait as updates for Rapport's long poll. */
export class TelegramApi {
  private readonly updates: TelegramUpdate[] = [];
  /** By `${chat id}:${message_id}`. */
  private readonly messages = new Map<string, TelegramMessageRecord>();
  private readonly chats = new Map<string, TelegramChat>();
  private pendingPoll: PendingPoll | null = null;

  constructor(private readonly ctx: SimContext) {}

  get queued(): number {
    return this.updates.length;
  }

  /** Ends a long poll still waiting. */
  close(): void {
    this.pendingPoll?.finish('closed');
  }

  // Customers speaking -------------------------------------------------------------------------------------

  say(customer: SimCustomer, text: string, isPublic: boolean, thread?: ThreadHint): CustomerSaid {
    const from = userOf(customer);
    const group = SIMULATED_PROFILES.telegram.group;
    const threadChat = thread?.type === 'telegram' ? this.chats.get(thread.chatId) : undefined;
    let chat: TelegramChat;
    if (threadChat) chat = threadChat;
    else if (isPublic) chat = { id: group.id, title: group.title, username: group.username, type: 'supergroup' };
    else {
      const { id, first_name, last_name, username } = from;
      chat = { id, first_name, ...(last_name ? { last_name } : {}), username, type: 'private' };
    }
    remember(this.chats, String(chat.id), chat);
    const inGroup = chat.type !== 'private';
    const mention = `@${SIMULATED_PROFILES.telegram.username}`;
    const fullText = inGroup && !text.includes(mention) ? `${mention} ${text}` : text;
    const mentionAt = fullText.indexOf(mention);
    const replyTo = thread?.type === 'telegram' && thread.replyTo ? withoutReply(thread.replyTo) : null;
    const message: TelegramMessage = {
      message_id: this.ctx.ids.telegramMessageId(),
      from,
      chat,
      date: Math.floor(Date.now() / 1000),
      ...(replyTo ? { reply_to_message: replyTo } : {}),
      text: fullText,
      ...(mentionAt >= 0 ? { entities: [{ offset: mentionAt, length: mention.length, type: 'mention' }] } : {}),
    };
    remember(this.messages, `${chat.id}:${message.message_id}`, { message, author: customer });
    const update: TelegramUpdate = { update_id: this.ctx.ids.updateId(), message };
    enqueue(this.updates, update);
    this.ctx.log(`queued telegram update ${update.update_id} from ${customer.name}${inGroup ? ' (group)' : ''}`);
    this.pendingPoll?.finish('update');
    return { externalId: String(message.message_id), senderId: customer.platformId, delivered: true };
  }

  // The stand-in --------------------------------------------------------------------------------------------

  async handle({ path, query, parsed, res }: SimRequest, token: string, methodName: string): Promise<void> {
    const body = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
    if (!parsed.ok) return sendAnswer(res, telegramError(400, "Bad Request: can't parse JSON object"));
    if (!tokenMatches(token, SIMULATED_ACCOUNTS.telegram.botToken)) return sendAnswer(res, telegramError(401, 'Unauthorized'));
    const params: Params = { ...query, ...body };
    switch (methodName) {
      case 'getUpdates':
        return this.getUpdates(params, res);
      case 'sendMessage':
        return this.sendMessage(params, path, res);
      case 'getMe':
        return sendJson(res, 200, {
          ok: true,
          result: { ...botUser(), can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false },
        });
      case 'deleteWebhook':
        return sendJson(res, 200, { ok: true, result: true, description: 'Webhook is already deleted' });
      case 'getWebhookInfo':
        return sendJson(res, 200, { ok: true, result: { url: '', has_custom_certificate: false, pending_update_count: this.updates.length } });
      default:
        return sendAnswer(res, telegramError(404, 'Not Found'));
    }
  }

  private async getUpdates(params: Params, res: ServerResponse): Promise<void> {
    if (this.ctx.faults.take('telegram', 'poll', res)) return;
    const offset = int(params.offset) ?? 0;
    const limit = Math.min(100, Math.max(1, int(params.limit) ?? 100));
    const timeout = Math.min(50, Math.max(0, int(params.timeout) ?? 0));
    // A new getUpdates ends the one still waiting, exactly like the real API (one consumer per bot).
    this.pendingPoll?.finish('conflict');

    const take = (): TelegramUpdate[] => {
      if (offset > 0) {
        // Calling with an offset confirms (forgets) every earlier update.
        while (this.updates.length > 0 && (this.updates[0]?.update_id ?? 0) < offset) this.updates.shift();
      } else if (offset < 0) {
        this.updates.splice(0, Math.max(0, this.updates.length + offset));
      }
      return this.updates.slice(0, limit);
    };

    let updates = take();
    if (updates.length === 0 && timeout > 0 && !this.ctx.scheduler.closed) {
      const outcome = await this.waitForUpdate(timeout, res);
      if (outcome === 'conflict') {
        return sendAnswer(res, telegramError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
      }
      if (outcome === 'closed' && res.destroyed) return;
      updates = take();
    }
    sendJson(res, 200, { ok: true, result: updates });
  }

  /** Holds the long poll until an update comes, another poll takes over, the client leaves or `timeout` seconds pass. */
  private waitForUpdate(timeout: number, res: ServerResponse): Promise<PollOutcome> {
    const { scheduler } = this.ctx;
    return new Promise<PollOutcome>((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const poll: PendingPoll = {
        finish: (result) => {
          if (this.pendingPoll === poll) this.pendingPoll = null;
          if (timer) scheduler.cancel(timer);
          resolve(result);
        },
      };
      this.pendingPoll = poll;
      timer = scheduler.later(timeout * 1000, () => poll.finish('timeout'));
      res.once('close', () => poll.finish('closed'));
    });
  }

  private sendMessage(params: Params, path: string, res: ServerResponse): void {
    if (this.ctx.faults.take('telegram', 'send', res)) return;
    const chatIdRaw = str(params.chat_id);
    if (chatIdRaw === undefined || chatIdRaw === '') return sendAnswer(res, telegramError(400, 'Bad Request: chat_id is empty'));
    const text = str(params.text);
    if (text === undefined || text.trim() === '') return sendAnswer(res, telegramError(400, 'Bad Request: message text is empty'));
    if (text.length > 4096) return sendAnswer(res, telegramError(400, 'Bad Request: message is too long'));
    const chat = this.chats.get(chatIdRaw) ?? [...this.chats.values()].find((c) => chatIdRaw.startsWith('@') && c.username === chatIdRaw.slice(1));
    if (!chat) return sendAnswer(res, telegramError(400, 'Bad Request: chat not found'));

    let replyParameters: unknown = params.reply_parameters;
    if (typeof replyParameters === 'string') {
      try {
        replyParameters = JSON.parse(replyParameters) as unknown;
      } catch {
        return sendAnswer(res, telegramError(400, "Bad Request: can't parse reply parameters JSON object"));
      }
    }
    const replyToId = isRecord(replyParameters) ? int(replyParameters.message_id) : int(params.reply_to_message_id);
    const allowWithout = isRecord(replyParameters) && replyParameters.allow_sending_without_reply === true;
    const replied = replyToId !== undefined ? this.messages.get(`${chat.id}:${replyToId}`) : undefined;
    if (replyToId !== undefined && !replied && !allowWithout) return sendAnswer(res, telegramError(400, 'Bad Request: message to be replied not found'));

    const original = replied ? withoutReply(replied.message) : null;
    const message: TelegramMessage = {
      message_id: this.ctx.ids.telegramMessageId(),
      from: botUser(),
      chat,
      date: Math.floor(Date.now() / 1000),
      ...(original ? { reply_to_message: original } : {}),
      text,
    };
    remember(this.messages, `${chat.id}:${message.message_id}`, { message, author: null });
    const customer = replied?.author ?? (chat.type === 'private' ? this.ctx.customers.byId('telegram', String(chat.id)) : null);
    this.ctx.replies.record({
      kind: 'telegram',
      to: customer?.platformId ?? String(chat.id),
      text,
      inReplyTo: replyToId !== undefined ? String(replyToId) : null,
      path,
      body: params,
      id: String(message.message_id),
      public: chat.type !== 'private',
    });
    sendJson(res, 200, { ok: true, result: message });
    this.ctx.followUp(customer, { type: 'telegram', chatId: String(chat.id), replyTo: message });
  }
}
