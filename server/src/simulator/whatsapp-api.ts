import type { ServerResponse } from 'node:http';
import { SIMULATED_ACCOUNTS, SIMULATED_PROFILES } from './accounts.js';
import { randomBetween, type SimContext } from './context.js';
import type { CustomerSaid, SimCustomer } from './customers.js';
import { isRecord, sendJson, str } from './http-util.js';
import { randomToken } from './ids.js';
import { graphBadRequest, sendAnswer } from './platform-errors.js';

/** The webhook envelope of the business account's phone number, around `value`. */
function envelope(value: Record<string, unknown>): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: SIMULATED_PROFILES.whatsapp.businessAccountId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: SIMULATED_PROFILES.whatsapp.displayPhoneNumber, phone_number_id: SIMULATED_ACCOUNTS.whatsapp.phoneNumberId },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** WhatsApp Cloud API: customers' messages as webhooks, replies at /{phone-number-id}/messages, then their statuses. */
export class WhatsAppApi {
  constructor(
    private readonly ctx: SimContext,
    /** Between the sent → delivered → read statuses. */
    private readonly statusStepMs: readonly [number, number],
  ) {}

  async say(customer: SimCustomer, text: string): Promise<CustomerSaid> {
    const wamid = `wamid.HBgM${randomToken(48, 'base64')}`;
    const payload = envelope({
      contacts: [{ profile: { name: customer.name }, wa_id: customer.platformId }],
      messages: [{ from: customer.platformId, id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
    });
    const delivered = await this.ctx.webhooks.toMeta('/webhooks/whatsapp', payload, `whatsapp message from ${customer.name}`);
    return { externalId: wamid, senderId: customer.platformId, delivered };
  }

  /** POST /{phone-number-id}/messages, once the Graph token check passed. */
  send(path: string, body: Record<string, unknown>, res: ServerResponse): void {
    if (this.ctx.faults.take('whatsapp', 'send', res)) return;
    if (body.messaging_product !== 'whatsapp') return sendAnswer(res, graphBadRequest('(#100) The parameter messaging_product is required.'));
    const to = str(body.to);
    if (!to) return sendAnswer(res, graphBadRequest('(#100) The parameter to is required.'));
    const type = str(body.type) ?? 'text';
    const textBody = isRecord(body.text) ? str(body.text.body) : undefined;
    if (type === 'text' && (!textBody || textBody.trim() === '')) return sendAnswer(res, graphBadRequest('(#100) The parameter text[body] is required.'));
    const waId = to.replace(/^\+/, '').replace(/[^0-9]/g, '');
    const wamid = `wamid.HBgM${randomToken(36, 'base64')}`;
    const context = isRecord(body.context) ? str(body.context.message_id) : undefined;
    this.ctx.replies.record({ kind: 'whatsapp', to: waId, text: textBody ?? `[${type}]`, inReplyTo: context ?? null, path, body, id: wamid, public: false });
    sendJson(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: waId }], messages: [{ id: wamid }] });
    this.scheduleStatuses(wamid, waId);
    this.ctx.followUp(this.ctx.customers.byId('whatsapp', waId), { type: 'dm' });
  }

  private scheduleStatuses(wamid: string, waId: string): void {
    const customer = this.ctx.customers.byId('whatsapp', waId);
    const conversationId = customer?.conversationId ?? randomToken(16, 'hex');
    let at = 0;
    for (const status of ['sent', 'delivered', 'read'] as const) {
      at += randomBetween(this.ctx.random, this.statusStepMs);
      this.ctx.scheduler.later(at, () => {
        const billing =
          status === 'read'
            ? {}
            : {
                conversation: { id: conversationId, origin: { type: 'service' } },
                pricing: { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' },
              };
        const payload = envelope({
          statuses: [{ id: wamid, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: waId, ...billing }],
        });
        void this.ctx.webhooks.toMeta('/webhooks/whatsapp', payload, `whatsapp status ${status}`);
      });
    }
  }
}
