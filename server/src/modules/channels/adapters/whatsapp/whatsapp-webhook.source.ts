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
import { metaHandshake, verifyMetaSignature } from '../meta/meta-signature.js';
import { itemOrUnreadable, unreadable } from '../adapter-kit.js';
import { asList, asRecord, asText, ignored, metaEntry, metaEnvelope, optionalList, requireId, requireRecord, type JsonRecord } from '../meta/wire.js';
import { contactNames, whatsappMessage, whatsappStatus } from './whatsapp-inbound.js';

const WABA_OBJECT = 'whatsapp_business_account';

function route(address: ChannelAddress, items: InboundItem[]): RoutedItem[] {
  return items.map((item) => ({ address, item }));
}

/** `path` names the value; each message and status is read on its own, so one bad one loses no other. */
function valueItems(value: JsonRecord, path: string): InboundItem[] {
  const names = contactNames(value.contacts);
  const items = [
    ...optionalList(value.messages, `${path}.messages`).map((message, i) => itemOrUnreadable(() => whatsappMessage(message, names, `${path}.messages[${i}]`))),
    ...optionalList(value.statuses, `${path}.statuses`).map((status, i) => itemOrUnreadable(() => whatsappStatus(status, `${path}.statuses[${i}]`))),
    ...asList(value.errors).map((error) => ignored(`webhook error: ${asText(asRecord(error)?.title) ?? 'no title'}`)),
  ];
  if (items.length > 0) return items;
  throw new MalformedPayloadError(`${path}: no messages, statuses or errors`);
}

/**
 * Account-level changes (template status, quality, …) name no phone number: they are addressed to the
 * business account id, which matches no channel, so they end up counted as unrouted.
 */
function changeItems(wabaId: string, raw: unknown, path: string): RoutedItem[] {
  const account: ChannelAddress = { kind: 'whatsapp', accountId: wabaId };
  const change = requireRecord(raw, path);
  const field = asText(change.field);
  if (!field) throw new MalformedPayloadError(`${path}.field: expected a field name`);
  if (field !== 'messages') return route(account, [ignored(`account change "${field}" is not handled`)]);
  const value = requireRecord(change.value, `${path}.value`);
  const phoneNumberId = requireId(requireRecord(value.metadata, `${path}.value.metadata`).phone_number_id, `${path}.value.metadata.phone_number_id`);
  return route({ kind: 'whatsapp', accountId: phoneNumberId }, valueItems(value, `${path}.value`));
}

/** One change on its own: unreadable, it is addressed to the business account it came for. */
function readChange(wabaId: string, raw: unknown, path: string): RoutedItem[] {
  try {
    return changeItems(wabaId, raw, path);
  } catch (err) {
    if (!(err instanceof MalformedPayloadError)) throw err;
    return route({ kind: 'whatsapp', accountId: wabaId }, [unreadable(err.message)]);
  }
}

/** `/webhooks/whatsapp`: Cloud API messages and delivery statuses, routed by `phone_number_id`. */
export class WhatsappWebhookSource implements WebhookSource {
  readonly name = 'whatsapp' as const;

  handshake(request: WebhookRequest, config: AppConfig): HandshakeResult {
    return metaHandshake(request, config);
  }

  verify(request: WebhookRequest, config: AppConfig): VerifyResult {
    return verifyMetaSignature(request, config);
  }

  route(body: unknown): RoutedItem[] {
    const { object, entries } = metaEnvelope(body);
    if (object !== WABA_OBJECT) throw new MalformedPayloadError(`object "${object}" is not handled by the WhatsApp webhook (expected "${WABA_OBJECT}")`);
    return entries.flatMap((raw, i): RoutedItem[] => {
      const path = `entry[${i}]`;
      let entry: ReturnType<typeof metaEntry>;
      try {
        entry = metaEntry(raw, path);
      } catch (err) {
        if (!(err instanceof MalformedPayloadError)) throw err;
        return route({ kind: 'whatsapp', accountId: '' }, [unreadable(err.message)]);
      }
      const changes = asList(entry.entry.changes);
      if (changes.length === 0) return route({ kind: 'whatsapp', accountId: entry.accountId }, [unreadable(`${path}.changes: no changes`)]);
      return changes.flatMap((change, j) => readChange(entry.accountId, change, `${path}.changes[${j}]`));
    });
  }
}
