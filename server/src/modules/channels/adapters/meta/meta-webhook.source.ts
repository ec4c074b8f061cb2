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
import { feedChange, instagramComment } from './meta-comments.js';
import { messagingEvent } from './meta-messaging.js';
import { metaHandshake, verifyMetaSignature } from './meta-signature.js';
import { asList, asRecord, asText, ignored, metaEnvelope, type JsonRecord } from './wire.js';

const KIND_BY_OBJECT = { page: 'facebook', instagram: 'instagram' } as const;
type MetaObject = keyof typeof KIND_BY_OBJECT;

function isMetaObject(object: string): object is MetaObject {
  return Object.hasOwn(KIND_BY_OBJECT, object);
}

function changeItem(object: MetaObject, entry: JsonRecord, raw: unknown): InboundItem {
  const change = asRecord(raw);
  const value = asRecord(change?.value);
  const field = asText(change?.field) ?? 'unknown';
  if (!value) return ignored(`${field} change without value`);
  const accountId = String(entry.id);
  if (object === 'page' && field === 'feed') return feedChange(accountId, value);
  if (object === 'instagram' && (field === 'comments' || field === 'live_comments')) return instagramComment(accountId, value, entry.time);
  return ignored(`${object} change "${field}" is not handled`);
}

function entryItems(object: MetaObject, entry: JsonRecord): InboundItem[] {
  const items = [
    ...asList(entry.messaging).flatMap((event) => messagingEvent(event, String(entry.id))),
    ...asList(entry.changes).map((change) => changeItem(object, entry, change)),
    // Handover protocol: another app owns the thread, so these are not ours to answer.
    ...asList(entry.standby).map(() => ignored('standby event (thread owned by another app)')),
  ];
  return items.length > 0 ? items : [ignored('entry without messaging or changes')];
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
    return entries.flatMap((entry) => {
      const address: ChannelAddress = { kind: KIND_BY_OBJECT[object], accountId: String(entry.id) };
      return entryItems(object, entry).map((item) => ({ address, item }));
    });
  }
}
