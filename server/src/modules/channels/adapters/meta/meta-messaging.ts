import type { Attachment } from '@rapport/shared';
import type { InboundItem, InboundMessage, InboundStatus } from '../../channel-adapter.js';
import { asList, asRecord, asText, dateFromEpoch, definedOnly, ignored, type JsonRecord } from './wire.js';

/** Messenger and Instagram `entry[].messaging[]` events: customer messages, our echoes, receipts, reactions. */

const ATTACHMENT_TYPES: Record<string, Attachment['type']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'file',
  location: 'location',
};

/** Shares, reels, posts, story mentions and fallbacks have no type of their own: kept as 'other' with their link. */
export function metaAttachment(raw: unknown): Attachment {
  const attachment = asRecord(raw) ?? {};
  const payload = asRecord(attachment.payload) ?? {};
  const rawType = asText(attachment.type) ?? 'other';
  // Messenger sends stickers as images carrying a sticker_id.
  const type = payload.sticker_id !== undefined ? 'sticker' : (ATTACHMENT_TYPES[rawType] ?? 'other');
  return definedOnly<Attachment>({
    type,
    url: asText(payload.url) ?? asText(attachment.url),
    name: asText(payload.title) ?? asText(attachment.title) ?? coordinates(payload) ?? (type === 'other' ? rawType : undefined),
  });
}

function coordinates(payload: JsonRecord): string | undefined {
  const point = asRecord(payload.coordinates);
  return point && typeof point.lat === 'number' && typeof point.long === 'number' ? `${point.lat},${point.long}` : undefined;
}

function customerMessage(event: JsonRecord, message: JsonRecord, accountId: string): InboundItem {
  const mid = asText(message.mid);
  const senderId = asText(asRecord(event.sender)?.id);
  if (!mid || !senderId) return ignored('message without mid or sender.id');
  // Our own sends come back as echoes; one without the flag is still not a customer message.
  if (senderId === accountId) return ignored('message sent by the account itself');
  const inbound: InboundMessage = {
    kind: 'message',
    externalId: mid,
    sender: { externalId: senderId },
    text: typeof message.text === 'string' ? message.text : '',
    attachments: asList(message.attachments).map(metaAttachment),
    sentAt: dateFromEpoch(event.timestamp, 'ms'),
    meta: { type: 'message' },
  };
  return inbound;
}

function messageEvent(event: JsonRecord, message: JsonRecord, accountId: string): InboundItem {
  if (message.is_echo === true) return ignored('echo of a message sent by the page');
  if (message.is_deleted === true) return ignored('message deleted by the customer');
  if (message.is_unsupported === true) return ignored('message type not supported by the platform');
  return customerMessage(event, message, accountId);
}

/** Deliveries list the mids of our messages that arrived; without mids only a watermark is given. */
function deliveryEvent(delivery: JsonRecord): InboundItem[] {
  const mids = asList(delivery.mids).filter((mid): mid is string => typeof mid === 'string' && mid !== '');
  if (mids.length === 0) return [ignored('delivery receipt with a watermark only')];
  return mids.map((mid): InboundStatus => ({ kind: 'status', externalId: mid, status: 'delivered' }));
}

/** Instagram reads name the message read; Messenger reads only carry a watermark, which names none. */
function readEvent(read: JsonRecord): InboundItem {
  const mid = asText(read.mid);
  return mid ? { kind: 'status', externalId: mid, status: 'read' } : ignored('read receipt with a watermark only');
}

const IGNORED_KINDS: Array<[key: string, reason: string]> = [
  ['reaction', 'reaction to a message'],
  ['message_edit', 'edit of an earlier message'],
  ['postback', 'button postback'],
  ['optin', 'opt-in event'],
  ['referral', 'referral event'],
];

/** `accountId` is the entry's page / IG account: the one side of the conversation that is not a customer. */
export function messagingEvent(raw: unknown, accountId: string): InboundItem[] {
  const event = asRecord(raw);
  if (!event) return [ignored('messaging event is not an object')];
  const message = asRecord(event.message);
  if (message) return [messageEvent(event, message, accountId)];
  const delivery = asRecord(event.delivery);
  if (delivery) return deliveryEvent(delivery);
  const read = asRecord(event.read);
  if (read) return [readEvent(read)];
  const known = IGNORED_KINDS.find(([key]) => key in event);
  if (known) return [ignored(known[1])];
  const keys = Object.keys(event).filter((key) => !['sender', 'recipient', 'timestamp'].includes(key));
  return [ignored(`unknown messaging event (${keys.join(', ') || 'no fields'})`)];
}
