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
import { asList, asRecord, asText, ignored, metaEnvelope, type JsonRecord } from '../meta/wire.js';
import { contactNames, whatsappMessage, whatsappStatus } from './whatsapp-inbound.js';

const WABA_OBJECT = 'whatsapp_business_account';

function route(address: ChannelAddress, items: InboundItem[]): RoutedItem[] {
  return items.map((item) => ({ address, item }));
}

function valueItems(value: JsonRecord): InboundItem[] {
  const names = contactNames(value.contacts);
  const items = [
    ...asList(value.messages).map((message) => whatsappMessage(message, names)),
    ...asList(value.statuses).map(whatsappStatus),
    ...asList(value.errors).map((error) => ignored(`webhook error: ${asText(asRecord(error)?.title) ?? 'no title'}`)),
  ];
  return items.length > 0 ? items : [ignored('messages change without messages or statuses')];
}

/**
 * Account-level changes (template status, quality, …) name no phone number: they are addressed to the
 * business account id, which matches no channel, so they end up counted as unrouted.
 */
function changeItems(wabaId: string, raw: unknown, path: string): RoutedItem[] {
  const change = asRecord(raw);
  const field = asText(change?.field) ?? 'unknown';
  const value = asRecord(change?.value);
  const account: ChannelAddress = { kind: 'whatsapp', accountId: wabaId };
  if (field !== 'messages') return route(account, [ignored(`account change "${field}" is not handled`)]);
  if (!value) return route(account, [ignored('messages change without value')]);
  const phoneNumberId = asText(asRecord(value.metadata)?.phone_number_id);
  if (!phoneNumberId) throw new MalformedPayloadError(`${path}.value.metadata.phone_number_id must be a non-empty string`);
  return route({ kind: 'whatsapp', accountId: phoneNumberId }, valueItems(value));
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
    return entries.flatMap((entry, i) => {
      const changes = asList(entry.changes);
      const wabaId = String(entry.id);
      if (changes.length === 0) return route({ kind: 'whatsapp', accountId: wabaId }, [ignored('entry without changes')]);
      return changes.flatMap((change, j) => changeItems(wabaId, change, `entry[${i}].changes[${j}]`));
    });
  }
}
