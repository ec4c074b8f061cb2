import type { AppConfig } from '../../../../config/env.js';
import {
  MalformedPayloadError,
  type ChannelAddress,
  type HandshakeResult,
  type InboundItem,
  type RoutedItem,
  type VerifyResult,
  type WebhookRequest,
  type WebhookSource,
} from '../../channel-adapter.js';
import { itemOrUnreadable, itemsOrUnreadable } from '../adapter-kit.js';
import { feedChange, instagramComment } from './meta-comments.js';
import { messagingEvent } from './meta-messaging.js';
import { metaHandshake, verifyMetaSignature } from './meta-signature.js';
import { asList, asText, ignored, metaEntry, metaEnvelope, requireRecord, type JsonRecord } from './wire.js';

const KIND_BY_OBJECT = { page: 'facebook', instagram: 'instagram' } as const;
type MetaObject = keyof typeof KIND_BY_OBJECT;

function isMetaObject(object: string): object is MetaObject {
  return Object.hasOwn(KIND_BY_OBJECT, object);
}

function changeItem(object: MetaObject, entry: JsonRecord, accountId: string, raw: unknown, path: string): InboundItem {
  const change = requireRecord(raw, path);
  const field = asText(change.field);
  if (!field) throw new MalformedPayloadError(`${path}.field: expected a field name`);
  if (object === 'page' && field === 'feed') return feedChange(accountId, requireRecord(change.value, `${path}.value`), `${path}.value`);
  if (object === 'instagram' && (field === 'comments' || field === 'live_comments')) return instagramComment(accountId, requireRecord(change.value, `${path}.value`), entry.time, `${path}.value`);
  // Fields the app is subscribed to but Rapport does not answer (ratings, mentions, …).
  return ignored(`${object} change "${field}" is not handled`);
}

/** Each event on its own: one Rapport cannot read becomes unreadable, the others of the entry are still read. */
function entryItems(object: MetaObject, entry: JsonRecord, accountId: string, path: string): InboundItem[] {
  const items = [
    ...asList(entry.messaging).flatMap((event, i) => itemsOrUnreadable(() => messagingEvent(event, accountId, `${path}.messaging[${i}]`))),
    ...asList(entry.changes).map((change, i) => itemOrUnreadable(() => changeItem(object, entry, accountId, change, `${path}.changes[${i}]`))),
    // Handover protocol: another app owns the thread, so these are not ours to answer.
    ...asList(entry.standby).map(() => ignored('standby event (thread owned by another app)')),
  ];
  if (items.length > 0) return items;
  throw new MalformedPayloadError(`${path}: no messaging, changes or standby events`);
}

/** `/webhooks/meta`: Messenger and Page feed (`object: "page"`) and Instagram (`object: "instagram"`). */
export class MetaWebhookSource implements WebhookSource {
  readonly name = 'meta' as const;

  handshake(request: WebhookRequest, config: AppConfig): HandshakeResult {
    return metaHandshake(request, config);
  }

  verify(request: WebhookRequest, config: AppConfig): VerifyResult {
    return verifyMetaSignature(request, config);
  }

  route(body: unknown): RoutedItem[] {
    const { object, entries } = metaEnvelope(body);
    if (!isMetaObject(object)) throw new MalformedPayloadError(`object "${object}" is not handled by the Meta webhook (expected "page" or "instagram")`);
    const kind = KIND_BY_OBJECT[object];
    return entries.flatMap((raw, i) => {
      const path = `entry[${i}]`;
      let address: ChannelAddress = { kind, accountId: '' };
      const items = itemsOrUnreadable(() => {
        const { entry, accountId } = metaEntry(raw, path);
        address = { kind, accountId };
        return entryItems(object, entry, accountId, path);
      });
      return items.map((item) => ({ address, item }));
    });
  }
}
