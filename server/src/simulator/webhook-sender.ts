import { createHmac } from 'node:crypto';
import { hmacSha256Hex } from '../modules/channels/signature.js';
import { metaJson } from './http-util.js';
import type { Scheduler } from './scheduler.js';

/** The secrets Rapport is configured with: the simulator signs its webhooks with them. */
export interface SimulatorSecrets {
  metaAppSecret: string;
  xConsumerSecret: string;
  apiChannelSecret: string;
  apiChannelKey: string;
}

export interface WebhookSenderOptions {
  /** Without a trailing slash. */
  rapportUrl: string;
  secrets: SimulatorSecrets;
  /** Waits between attempts; one more attempt than waits. */
  retryMs: readonly number[];
  scheduler: Scheduler;
  log: (line: string) => void;
}

/** Webhooks to Rapport, signed the way each platform signs them, retried like the platforms retry. */
export class WebhookSender {
  /** Outcomes, for `/_sim/health`. */
  readonly stats = { webhooksDelivered: 0, webhooksRejected: 0, webhooksFailed: 0 };

  constructor(private readonly options: WebhookSenderOptions) {}

  /** Meta (Messenger, Instagram, WhatsApp): Meta's JSON escaping, signed with SHA-256 and the legacy SHA-1. */
  toMeta(path: '/webhooks/meta' | '/webhooks/whatsapp', payload: unknown, label: string): Promise<boolean> {
    const body = metaJson(payload);
    const secret = this.options.secrets.metaAppSecret;
    return this.post(
      path,
      body,
      {
        'x-hub-signature-256': `sha256=${hmacSha256Hex(secret, body)}`,
        'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
      },
      label,
    );
  }

  /** X Account Activity: base64 HMAC-SHA256 with the consumer secret. */
  toX(payload: unknown, label: string): Promise<boolean> {
    const body = JSON.stringify(payload);
    const signature = createHmac('sha256', this.options.secrets.xConsumerSecret).update(body).digest('base64');
    return this.post('/webhooks/x', body, { 'x-twitter-webhooks-signature': `sha256=${signature}` }, label);
  }

  /** The generic API channel: hex HMAC-SHA256 with the channel secret, at the channel key's path. */
  toApi(payload: unknown, label: string): Promise<boolean> {
    const body = JSON.stringify(payload);
    const { apiChannelKey, apiChannelSecret } = this.options.secrets;
    const path = `/webhooks/api/${encodeURIComponent(apiChannelKey)}`;
    return this.post(path, body, { 'x-rapport-signature': `sha256=${hmacSha256Hex(apiChannelSecret, body)}` }, label);
  }

  /** POSTs `body` (the exact bytes that were signed), retrying on 5xx / unreachable; never throws. */
  private async post(path: string, body: string, headers: Record<string, string>, label: string): Promise<boolean> {
    const { rapportUrl, retryMs, scheduler, log } = this.options;
    const url = `${rapportUrl}${path}`;
    for (let attempt = 0; ; attempt += 1) {
      if (scheduler.closed) return false;
      let problem: string;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'rapport-platform-simulator', ...headers },
          body,
          signal: AbortSignal.any([scheduler.signal, AbortSignal.timeout(10_000)]),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) {
          this.stats.webhooksDelivered += 1;
          log(`→ ${label}: POST ${path} ${response.status}`);
          return true;
        }
        problem = `HTTP ${response.status}`;
        if (response.status < 500 && response.status !== 408 && response.status !== 429) {
          this.stats.webhooksRejected += 1;
          log(`! ${label}: POST ${path} rejected with ${problem}`);
          return false;
        }
      } catch (err) {
        if (scheduler.closed) return false;
        const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
        problem = `${err instanceof Error ? err.message : String(err)}${cause}`;
      }
      const delay = retryMs[attempt];
      if (delay === undefined) {
        this.stats.webhooksFailed += 1;
        log(`! ${label}: POST ${path} failed (${problem}); gave up after ${attempt + 1} attempts`);
        return false;
      }
      log(`… ${label}: POST ${path} failed (${problem}); retrying in ${delay} ms`);
      await scheduler.sleep(delay);
    }
  }
}
