import { describe, expect, it } from '@jest/globals';
import { MalformedPayloadError, type InboundItem } from '../../channel-adapter.js';
import { fixture } from '../meta/fixtures.testing.js';
import { telegramBot, telegramUpdateId, telegramUpdateItem, type TelegramBot } from './telegram-updates.js';

type Json = Record<string, unknown>;
const updates = (): Json[] => (fixture('telegram-getupdates.json') as { result: Json[] }).result;
const privateUpdate = (): Json => updates()[0]!;
const groupUpdate = (): Json => updates()[1]!;

const BOT: TelegramBot = { id: '7001234567', username: 'AcmeCareBot' };
const GROUP = { id: -1001987654321, title: 'Acme Customers Community', username: 'acme_customers', type: 'supergroup' };
const JONAS = { id: 6033118822, is_bot: false, first_name: 'Jonas', username: 'jonas_k' };

/** A message update built on the private fixture message. */
function update(message: Json, updateId = 1): Json {
  return { update_id: updateId, message: { ...(privateUpdate().message as Json), ...message } };
}

function groupMessage(message: Json): Json {
  return update({ from: JONAS, chat: GROUP, message_id: 500, text: 'hello everyone', entities: undefined, ...message });
}

function mapError(raw: unknown): MalformedPayloadError {
  try {
    telegramUpdateItem(raw, BOT);
  } catch (err) {
    if (err instanceof MalformedPayloadError) return err;
    throw err;
  }
  throw new Error('the update was accepted');
}

const item = (raw: unknown, bot: TelegramBot = BOT): InboundItem => telegramUpdateItem(raw, bot);

describe('telegramBot', () => {
  it('takes the bot id from the token prefix and the username without @', () => {
    expect(telegramBot('7001234567:AAH-secret', '@AcmeCareBot')).toEqual({ id: '7001234567', username: 'AcmeCareBot' });
    expect(telegramBot('not-a-token')).toEqual({});
    expect(telegramBot(undefined)).toEqual({});
  });
});

describe('telegramUpdateId', () => {
  it('reads update_id, or null', () => {
    expect(telegramUpdateId(privateUpdate())).toBe(702114562);
    expect(telegramUpdateId({ message: {} })).toBeNull();
    expect(telegramUpdateId('x')).toBeNull();
  });
});

describe('telegramUpdateItem', () => {
  it('turns the private fixture message into a DM, ids as strings scoped by chat', () => {
    expect(item(privateUpdate())).toEqual({
      kind: 'message',
      externalId: '5120334477:1841',
      sender: { externalId: '5120334477', name: 'Lena Hoffmann', handle: 'lena_hoff' },
      text: 'My parcel 00340434161094042557 shows delivered but it never arrived.',
      attachments: [],
      sentAt: new Date(1787214700 * 1000),
      threadKey: '',
      isPublic: false,
      meta: { chatId: '5120334477', messageId: '1841' },
    });
  });

  it('turns the supergroup mention of the bot into a public message of the group thread', () => {
    expect(item(groupUpdate())).toEqual({
      kind: 'message',
      externalId: '-1001987654321:99214',
      sender: { externalId: '6033118822', name: 'Jonas', handle: 'jonas_k' },
      text: '@AcmeCareBot the app logs me out every few minutes since the update',
      attachments: [],
      sentAt: new Date(1787214731 * 1000),
      threadKey: 'chat:-1001987654321',
      isPublic: true,
      meta: { chatId: '-1001987654321', messageId: '99214' },
    });
  });

  it('takes any bot mention when the bot is unknown (webhook), as bot usernames end in "bot"', () => {
    expect(item(groupUpdate(), {})).toMatchObject({ kind: 'message', isPublic: true });
    expect(item(groupMessage({ text: '@jonas_k see you', entities: [{ offset: 0, length: 8, type: 'mention' }] }), {})).toEqual({
      kind: 'ignored',
      reason: 'telegram: group message not addressed to the bot',
    });
  });

  it.each([
    ['a mention of another bot', { text: '@OtherBot hi', entities: [{ offset: 0, length: 9, type: 'mention' }] }],
    ['a mention of a person', { text: 'thanks @jonas_k', entities: [{ offset: 7, length: 8, type: 'mention' }] }],
    ['plain chatter', {}],
    ['a command for another bot', { text: '/start@OtherBot', entities: [{ offset: 0, length: 15, type: 'bot_command' }] }],
    ['a reply to another member', { reply_to_message: { message_id: 3, from: JONAS } }],
  ])('ignores %s in a group', (_what, message) => {
    expect(item(groupMessage(message))).toEqual({ kind: 'ignored', reason: 'telegram: group message not addressed to the bot' });
  });

  it.each([
    ['a reply to the bot', { reply_to_message: { message_id: 3, from: { id: 7001234567, is_bot: true, first_name: 'Acme Care' } } }],
    ['a mention in other case', { text: 'hey @acmecarebot?', entities: [{ offset: 4, length: 12, type: 'mention' }] }],
    ['a command addressed to the bot', { text: '/help@AcmeCareBot', entities: [{ offset: 0, length: 17, type: 'bot_command' }] }],
    ['a text_mention of the bot', { text: 'Acme Care help', entities: [{ offset: 0, length: 9, type: 'text_mention', user: { id: 7001234567, is_bot: true, first_name: 'Acme Care' } }] }],
    ['a mention after emoji (UTF-16 offsets)', { text: '😡😡 @AcmeCareBot broken', entities: [{ offset: 5, length: 12, type: 'mention' }] }],
    ['a captioned photo mentioning the bot', { text: undefined, caption: '@AcmeCareBot look', caption_entities: [{ offset: 0, length: 12, type: 'mention' }], photo: [{ file_id: 'p1', width: 90, height: 90 }] }],
  ])('takes %s in a group', (_what, message) => {
    expect(item(groupMessage(message))).toMatchObject({ kind: 'message', isPublic: true, threadKey: `chat:${GROUP.id}` });
  });

  it('replies into the forum topic a message came from', () => {
    expect(item(groupMessage({ message_thread_id: 77, is_topic_message: true, reply_to_message: { from: { id: 7001234567, is_bot: true } } }))).toMatchObject({
      meta: { chatId: String(GROUP.id), messageId: '500', messageThreadId: '77' },
    });
  });

  it('keeps 52-bit ids exactly', () => {
    const big = 4503599627370495;
    expect(item(update({ chat: { id: big, type: 'private' }, from: { id: big, is_bot: false, first_name: 'Big' } }))).toMatchObject({
      externalId: `${big}:1841`,
      sender: { externalId: '4503599627370495' },
      meta: { chatId: '4503599627370495' },
    });
  });

  it('keeps unicode text exactly and names a sender without last name or username', () => {
    const text = 'Paket nicht angekommen 😞 — 包裹没到 مرحبا';
    expect(item(update({ text, from: { id: 1, is_bot: false, first_name: 'Zoë' } }))).toMatchObject({ text, sender: { externalId: '1', name: 'Zoë', handle: undefined } });
  });

  describe('attachments', () => {
    it.each([
      [
        'the largest photo, with its caption as text',
        { photo: [{ file_id: 'small', width: 90, height: 90 }, { file_id: 'large', width: 1280, height: 960, file_size: 123456 }], caption: 'broken box' },
        [{ type: 'image', name: 'large', mimeType: 'image/jpeg', size: 123456 }],
        'broken box',
      ],
      ['a document', { document: { file_id: 'd1', file_name: 'invoice.pdf', mime_type: 'application/pdf', file_size: 2048 } }, [{ type: 'file', name: 'invoice.pdf', mimeType: 'application/pdf', size: 2048 }], ''],
      ['a document without name', { document: { file_id: 'd2' } }, [{ type: 'file', name: 'd2' }], ''],
      ['a sticker', { sticker: { file_id: 's1', emoji: '😡', is_animated: false, is_video: false } }, [{ type: 'sticker', name: 's1', mimeType: 'image/webp' }], ''],
      ['an animated sticker', { sticker: { file_id: 's2', is_animated: true } }, [{ type: 'sticker', name: 's2', mimeType: 'application/x-tgsticker' }], ''],
      ['a voice note', { voice: { file_id: 'v1', mime_type: 'audio/ogg', duration: 4 } }, [{ type: 'audio', name: 'v1', mimeType: 'audio/ogg' }], ''],
      ['an audio file', { audio: { file_id: 'a1', title: 'Recording', mime_type: 'audio/mpeg' } }, [{ type: 'audio', name: 'Recording', mimeType: 'audio/mpeg' }], ''],
      ['a video', { video: { file_id: 'vid', file_name: 'unboxing.mp4', mime_type: 'video/mp4' }, caption: 'see' }, [{ type: 'video', name: 'unboxing.mp4', mimeType: 'video/mp4' }], 'see'],
      ['a location', { location: { latitude: 52.52, longitude: 13.405 } }, [{ type: 'location', name: '52.52,13.405' }], ''],
      ['a venue (once, not also as location)', { venue: { title: 'Depot', address: 'Hauptstr. 1', location: { latitude: 1, longitude: 2 } }, location: { latitude: 1, longitude: 2 } }, [{ type: 'location', name: 'Depot, Hauptstr. 1, 1,2' }], ''],
      ['a contact', { contact: { phone_number: '+4930123', first_name: 'Lena', last_name: 'H' } }, [{ type: 'other', name: 'contact: Lena H +4930123' }], ''],
      ['a poll', { poll: { id: '1', question: 'Q?' } }, [{ type: 'other', name: 'poll' }], ''],
    ])('keeps %s', (_what, content, attachments, text) => {
      expect(item(update({ text: undefined, ...content }))).toMatchObject({ kind: 'message', text, attachments });
    });
  });

  describe('ignored', () => {
    it.each([
      ['edited_message', { update_id: 5, edited_message: { message_id: 1 } }, 'telegram: edited_message'],
      ['channel_post', { update_id: 5, channel_post: { message_id: 1 } }, 'telegram: channel_post'],
      ['callback_query', { update_id: 5, callback_query: { id: '1' } }, 'telegram: callback_query'],
      ['my_chat_member', { update_id: 5, my_chat_member: {} }, 'telegram: my_chat_member'],
      ['an update without content', { update_id: 5 }, 'telegram: empty update'],
    ])('%s', (_what, raw, reason) => {
      expect(item(raw)).toEqual({ kind: 'ignored', reason });
    });

    it('a message in a channel', () => {
      expect(item(update({ chat: { id: -100555, type: 'channel', title: 'News' } }))).toEqual({ kind: 'ignored', reason: 'telegram: message in a channel' });
    });

    it('a message from another bot', () => {
      expect(item(update({ from: { id: 99, is_bot: true, first_name: 'Spam' } }))).toEqual({ kind: 'ignored', reason: 'telegram: message from a bot' });
    });

    it('a service message (member joined)', () => {
      expect(item(groupMessage({ text: undefined, new_chat_members: [JONAS], reply_to_message: { from: { id: 7001234567, is_bot: true } } }))).toEqual({
        kind: 'ignored',
        reason: 'telegram: service message',
      });
    });
  });

  it('names an anonymous group admin by the group', () => {
    const anonymous = groupMessage({ from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' }, sender_chat: GROUP, text: '@AcmeCareBot hi', entities: [{ offset: 0, length: 12, type: 'mention' }] });
    expect(item(anonymous)).toMatchObject({ kind: 'message', sender: { externalId: String(GROUP.id), name: GROUP.title, handle: GROUP.username } });
  });

  it.each([
    ['not an object', 'update'],
    ['no update_id', { message: {} }],
    ['a string update_id', { update_id: '5', message: {} }],
    ['a message without chat', { update_id: 5, message: { message_id: 1, date: 1 } }],
    ['a string chat id', { update_id: 5, message: { message_id: 1, date: 1, chat: { id: '5', type: 'private' } } }],
  ])('refuses %s', (_what, raw) => {
    expect(mapError(raw)).toBeInstanceOf(MalformedPayloadError);
  });
});
