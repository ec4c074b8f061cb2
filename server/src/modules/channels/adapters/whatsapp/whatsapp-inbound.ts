import type { Attachment } from '@rapport/shared';
import { MalformedPayloadError, type InboundItem, type InboundMessage, type InboundStatus } from '../../channel-adapter.js';
import { asId, asList, asRecord, asText, dateFromEpoch, definedOnly, ignored, optionalList, optionalString, requireId, requireRecord, type JsonRecord } from '../meta/wire.js';

/** WhatsApp Cloud API `value.messages[]` and `value.statuses[]` in Rapport's terms. */

interface Content {
  text: string;
  attachments: Attachment[];
}

const MEDIA_TYPES: Record<string, Attachment['type']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  voice: 'audio',
  document: 'file',
  sticker: 'sticker',
};

/** Webhooks carry a media id (fetched later through the Graph API), sometimes a url, and the mime type. */
function mediaContent(type: Attachment['type'], media: JsonRecord): Content {
  const attachment = definedOnly<Attachment>({
    type,
    url: asText(media.url),
    name: asText(media.filename) ?? asText(media.id),
    mimeType: asText(media.mime_type),
  });
  return { text: asText(media.caption) ?? '', attachments: [attachment] };
}

function locationContent(location: JsonRecord): Content {
  const { latitude, longitude } = location;
  const point = typeof latitude === 'number' && typeof longitude === 'number' ? { latitude, longitude } : undefined;
  const label = [asText(location.name), asText(location.address)].filter(Boolean).join(', ');
  const attachment = definedOnly<Attachment>({
    type: 'location',
    name: label || (point ? `${point.latitude},${point.longitude}` : 'location'),
    url: point ? `https://www.openstreetmap.org/?mlat=${point.latitude}&mlon=${point.longitude}` : undefined,
  });
  return { text: '', attachments: [attachment] };
}

/** Shared contact cards: the name and phone numbers are what an agent needs to see. */
function contactsContent(contacts: unknown[]): Content {
  const attachments = contacts.map((raw): Attachment => {
    const contact = asRecord(raw) ?? {};
    const phones = asList(contact.phones).map((phone) => asText(asRecord(phone)?.phone)).filter(Boolean);
    const name = asText(asRecord(contact.name)?.formatted_name) ?? 'contact';
    return { type: 'other', name: phones.length > 0 ? `${name} (${phones.join(', ')})` : name };
  });
  return { text: '', attachments };
}

/** Button and list replies: the customer tapped an option; its title is what they "said". */
function interactiveText(interactive: JsonRecord): string {
  const reply = asRecord(interactive.button_reply) ?? asRecord(interactive.list_reply) ?? asRecord(interactive.nfm_reply) ?? {};
  return asText(reply.title) ?? asText(reply.body) ?? '';
}

/** `path` names the message; the part named by its type must be there and be an object. */
function content(type: string, message: JsonRecord, path: string): Content | undefined {
  const part = () => requireRecord(message[type], `${path}.${type}`);
  const mediaType = MEDIA_TYPES[type];
  if (type === 'text') return { text: optionalString(part().body, `${path}.text.body`) ?? '', attachments: [] };
  if (mediaType) return mediaContent(mediaType, part());
  if (type === 'location') return locationContent(part());
  if (type === 'contacts') return contactsContent(optionalList(message.contacts, `${path}.contacts`));
  if (type === 'interactive') return { text: interactiveText(part()), attachments: [] };
  if (type === 'button') {
    const button = part();
    return { text: asText(button.text) ?? asText(button.payload) ?? '', attachments: [] };
  }
  return undefined;
}

function errorSummary(errors: unknown): string | undefined {
  const error = asRecord(asList(errors)[0]);
  if (!error) return undefined;
  const parts = [asText(error.title), asText(error.message), asText(asRecord(error.error_data)?.details)].filter((part): part is string => Boolean(part));
  const text = [...new Set(parts)].join(': ') || 'unknown error';
  return typeof error.code === 'number' ? `${text} (${error.code})` : text;
}

function notAMessage(type: string, message: JsonRecord): InboundItem | undefined {
  if (type === 'reaction') return ignored('reaction to a message');
  if (type === 'unsupported') return ignored(`unsupported message: ${errorSummary(message.errors) ?? 'no details'}`);
  return undefined;
}

/**
 * `names` maps wa_id to the profile name from `value.contacts[]`. A message Rapport cannot read (a type it
 * does not know, a field of the wrong type) throws MalformedPayloadError naming `path`: a dead letter.
 */
export function whatsappMessage(raw: unknown, names: Map<string, string>, path: string): InboundItem {
  const message = requireRecord(raw, path);
  const id = requireId(message.id, `${path}.id`);
  const from = requireId(message.from, `${path}.from`);
  const type = asText(message.type);
  if (!type) throw new MalformedPayloadError(`${path}.type: missing`);
  const skip = notAMessage(type, message);
  if (skip) return skip;
  const parsed = content(type, message, path);
  if (!parsed) throw new MalformedPayloadError(`${path}.type: message type "${type}" is not handled`);
  const inbound: InboundMessage = {
    kind: 'message',
    externalId: id,
    sender: definedOnly({ externalId: from, name: names.get(from) }),
    ...parsed,
    sentAt: dateFromEpoch(message.timestamp, 's'),
  };
  return inbound;
}

const TRACKED_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
type TrackedStatus = (typeof TRACKED_STATUSES)[number];

function isTracked(status: string | undefined): status is TrackedStatus {
  return (TRACKED_STATUSES as readonly string[]).includes(status ?? '');
}

export function whatsappStatus(raw: unknown, path: string): InboundItem {
  const value = requireRecord(raw, path);
  const id = requireId(value.id, `${path}.id`);
  const status = asText(value.status);
  if (!isTracked(status)) return ignored(`status "${status ?? 'missing'}" is not tracked`);
  const error = errorSummary(value.errors);
  const item: InboundStatus = { kind: 'status', externalId: id, status, ...(error ? { error } : {}) };
  return item;
}

/** wa_id → profile name, from `value.contacts[]`. */
export function contactNames(contacts: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const raw of asList(contacts)) {
    const contact = asRecord(raw);
    const waId = asId(contact?.wa_id);
    const name = asText(asRecord(contact?.profile)?.name);
    if (waId && name) names.set(waId, name);
  }
  return names;
}
