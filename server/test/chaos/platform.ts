import { createHmac } from 'node:crypto';

/** A platform delivering signed webhooks to the generic API channel, retrying as platforms do. */

export const CHAOS_API_SECRET = 'chaos-api-secret';

export interface Delivery {
  /** The platform's message id (stored as the message's external id). */
  id: string;
  customer: string;
  text: string;
  /** Set: the same message in other bytes (a redelivery that is not byte for byte the same). */
  timestamp?: string;
}

export function apiBody(delivery: Delivery): string {
  return JSON.stringify({ id: delivery.id, from: { id: delivery.customer, name: `Chaos ${delivery.customer}` }, text: delivery.text, ...(delivery.timestamp ? { timestamp: delivery.timestamp } : {}) });
}

export interface Answer {
  status: number | 'error';
  ms: number;
  reason?: string;
}

/** One signed webhook, answered or not within `timeoutMs`. */
export async function postWebhook(baseUrl: string, delivery: Delivery, timeoutMs = 10_000): Promise<Answer> {
  const raw = apiBody(delivery);
  const started = Date.now();
  try {
    const response = await fetch(`${baseUrl}/webhooks/api/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rapport-signature': `sha256=${createHmac('sha256', CHAOS_API_SECRET).update(raw).digest('hex')}` },
      body: raw,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let reason: string | undefined;
    try {
      reason = (JSON.parse(text) as { message?: string }).message;
    } catch {
      reason = text.slice(0, 200);
    }
    return { status: response.status, ms: Date.now() - started, ...(reason ? { reason } : {}) };
  } catch (err) {
    return { status: 'error', ms: Date.now() - started, reason: err instanceof Error ? err.message : String(err) };
  }
}

export interface Ledger {
  /** Every platform id a webhook was sent for. */
  sent: Set<string>;
  /** Those answered 200: Rapport has promised to store them. */
  acked: Set<string>;
  /** Every answer, for the figures (statuses during an outage, latencies). */
  answers: Array<Answer & { at: number }>;
}

export const newLedger = (): Ledger => ({ sent: new Set(), acked: new Set(), answers: [] });

/**
 * Sends each delivery with `lanes` requests in flight; a delivery not answered 200 is sent again after
 * `retryMs` (a platform's redelivery), until it is, or `until()` says to stop. `afterAck` runs after each
 * 200 (a test may crash Rapport there).
 */
export async function deliverAll(
  baseUrl: () => string,
  deliveries: Delivery[],
  ledger: Ledger,
  options: { lanes?: number; retryMs?: number; maxAttempts?: number; afterAck?: () => void; stop?: () => boolean; timeoutMs?: number } = {},
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < deliveries.length && !options.stop?.()) {
      const delivery = deliveries[next++]!;
      for (let attempt = 1; attempt <= (options.maxAttempts ?? 1000); attempt++) {
        ledger.sent.add(delivery.id);
        const answer = await postWebhook(baseUrl(), delivery, options.timeoutMs);
        ledger.answers.push({ ...answer, at: Date.now() });
        if (answer.status === 200) {
          ledger.acked.add(delivery.id);
          options.afterAck?.();
          break;
        }
        if (options.stop?.()) return;
        await new Promise((r) => setTimeout(r, options.retryMs ?? 200));
      }
    }
  };
  await Promise.all(Array.from({ length: options.lanes ?? 32 }, lane));
}

export function deliveries(prefix: string, count: number, customers = 50): Delivery[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(5, '0')}`,
    customer: `${prefix}-c${String(i % customers).padStart(3, '0')}`,
    text: `${prefix} message ${i}: where is order #${10_000 + i}?`,
  }));
}
