import { hmacSha256Hex, safeEqual } from '../modules/channels/signature.js';
import type { SimContext } from './context.js';
import type { CustomerSaid, SimCustomer } from './customers.js';
import { headerOf, isRecord, sendJson, str, type SimRequest } from './http-util.js';
import { randomToken } from './ids.js';
import { remember } from './memory.js';

const IDEMPOTENCY_KEEP_MS = 24 * 3_600_000;

/** The generic API channel: customers' messages as signed webhooks, and the endpoint Rapport's signed replies call back. */
export class ApiChannel {
  /** Idempotency-Key → the answer it got, kept a day as the API channel documents: a resent reply is stored once. */
  private readonly idempotency = new Map<string, { id: string; at: number }>();

  constructor(
    private readonly ctx: SimContext,
    /** Signs both ways: Rapport's callbacks are checked with it. */
    private readonly secret: string,
  ) {}

  async say(customer: SimCustomer, text: string): Promise<CustomerSaid> {
    const id = `sim-${randomToken(12)}`;
    const payload = { id, from: { id: customer.platformId, name: customer.name }, text, timestamp: new Date().toISOString() };
    const delivered = await this.ctx.webhooks.toApi(payload, `api message from ${customer.name}`);
    return { externalId: id, senderId: customer.platformId, delivered };
  }

  /** POST at the callback path: Rapport's reply, signed over the raw body. */
  handleCallback({ path, raw, parsed, req, res }: SimRequest): void {
    const signature = headerOf(req, 'x-rapport-signature') ?? '';
    const expected = `sha256=${hmacSha256Hex(this.secret, raw)}`;
    if (!safeEqual(signature.toLowerCase(), expected)) return sendJson(res, 401, { error: 'Invalid signature' });
    const now = Date.now();
    for (const [key, entry] of this.idempotency) if (now - entry.at > IDEMPOTENCY_KEEP_MS) this.idempotency.delete(key);
    const idempotencyKey = headerOf(req, 'idempotency-key');
    const remembered = idempotencyKey ? this.idempotency.get(idempotencyKey) : undefined;
    if (remembered) {
      this.ctx.log(`api: Idempotency-Key ${idempotencyKey} seen before, same reply ${remembered.id}`);
      return sendJson(res, 200, { id: remembered.id });
    }
    if (this.ctx.faults.take('api', 'send', res)) return;
    if (!parsed.ok || !isRecord(parsed.value)) return sendJson(res, 400, { error: 'body must be a JSON object' });
    const body = parsed.value;
    const text = str(body.text);
    if (text === undefined) return sendJson(res, 400, { error: 'text is required' });
    const to = isRecord(body.to) ? (str(body.to.id) ?? '') : '';
    const id = `sim-reply-${randomToken(12)}`;
    if (idempotencyKey) remember(this.idempotency, idempotencyKey, { id, at: now });
    this.ctx.replies.record({ kind: 'api', to, text, inReplyTo: str(body.inReplyTo) ?? null, path, body, id, public: false });
    sendJson(res, 200, { id });
    this.ctx.followUp(this.ctx.customers.byId('api', to), { type: 'dm' });
  }
}
