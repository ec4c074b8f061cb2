import type { Attachment } from '@rapport/shared';
import { MalformedPayloadError, type InboundItem, type InboundMessage, type InboundStatus } from '../../channel-adapter.js';
import { asList, asRecord, asText, dateFromEpoch, definedOnly, ignored, optionalList, optionalString, requireId, requireRecord, type JsonRecord } from './wire.js';

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

function customerMessage(event: JsonRecord, message: JsonRecord, accountId: string, path: string): InboundItem {
  const mid = requireId(message.mid, `${path}.message.mid`);
  const senderId = requireId(requireRecord(event.sender, `${path}.sender`).id, `${path}.sender.id`);
  // Our own sends come back as echoes; one without the flag is still not a customer message.
  if (senderId === accountId) return ignored('message sent by the account itself');
  const inbound: InboundMessage = {
    kind: 'message',
    externalId: mid,
    sender: { externalId: senderId },
    text: optionalString(message.text, `${path}.message.text`) ?? '',
    attachments: optionalList(message.attachments, `${path}.message.attachments`).map(metaAttachment),
    sentAt: dateFromEpoch(event.timestamp, 'ms'),
    meta: { type: 'message' },
  };
  return inbound;
}

function messageEvent(event: JsonRecord, message: JsonRecord, accountId: string, path: string): InboundItem {
  if (message.is_echo === true) return ignored('echo of a message sent by the page');
  if (message.is_deleted === true) return ignored('message deleted by the customer');
  if (message.is_unsupported === true) return ignored('message type not supported by the platform');
  return customerMessage(event, message, accountId, path);
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

/** Documented events that are not customer messages: skipped on purpose, so never dead letters. */
const IGNORED_KINDS: Array<[key: string, reason: string]> = [
  ['reaction', 'reaction to a message'],
  ['message_edit', 'edit of an earlier message'],
  ['postback', 'button postback'],
  ['optin', 'opt-in event'],
  ['referral', 'referral event'],
  ['pass_thread_control', 'handover: thread passed to another app'],
  ['take_thread_control', 'handover: thread taken by another app'],
  ['request_thread_control', 'handover: thread requested by another app'],
  ['app_roles', 'handover: app roles'],
  ['account_linking', 'account linking event'],
  ['policy_enforcement', 'policy enforcement notice'],
];

/**
 * `accountId` is the entry's page / IG account: the one side of the conversation that is not a customer.
 * An event Rapport cannot read (an unknown kind, a field of the wrong type) throws MalformedPayloadError
 * naming `path`; the caller keeps it as a dead letter and reads the other events on.
 */
export function messagingEvent(raw: unknown, accountId: string, path: string): InboundItem[] {
  const event = requireRecord(raw, path);
  if (event.message !== undefined) return [messageEvent(event, requireRecord(event.message, `${path}.message`), accountId, path)];
  if (event.delivery !== undefined) return deliveryEvent(requireRecord(event.delivery, `${path}.delivery`));
  if (event.read !== undefined) return [readEvent(requireRecord(event.read, `${path}.read`))];
  const known = IGNORED_KINDS.find(([key]) => key in event);
  if (known) return [ignored(known[1])];
  const keys = Object.keys(event).filter((key) => !['sender', 'recipient', 'timestamp'].includes(key));
  throw new MalformedPayloadError(`${path}: unknown messaging event (${keys.join(', ') || 'no fields'})`);
}
