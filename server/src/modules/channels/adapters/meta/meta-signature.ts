import type { AppConfig } from '../../../../config/env.js';
import type { HandshakeResult, VerifyResult, WebhookRequest } from '../../channel-adapter.js';
import { headerValue, safeEqual, verifySha256Header } from '../../signature.js';
import { asRecord } from './wire.js';

/** Shared by the Meta and WhatsApp webhooks: both use the same app, verify token and App Secret. */

export const META_SIGNATURE_HEADER = 'x-hub-signature-256';

/**
 * Reads `hub.mode` style parameters: Express's default parser keeps the dotted name, qs with
 * `allowDots` nests it; accept both so the controller's parser choice does not matter.
 */
function hubParam(query: Record<string, unknown>, name: 'mode' | 'verify_token' | 'challenge'): string | undefined {
  const value = query[`hub.${name}`] ?? asRecord(query.hub)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** Meta's GET subscription check: echo `hub.challenge` as plain text when the verify token matches. */
export function metaHandshake(request: WebhookRequest, config: AppConfig): HandshakeResult {
  if (hubParam(request.query, 'mode') !== 'subscribe') return { status: 403, reason: 'hub.mode must be "subscribe"' };
  const token = hubParam(request.query, 'verify_token');
  if (token === undefined || !safeEqual(token, config.META_VERIFY_TOKEN)) return { status: 403, reason: 'hub.verify_token does not match META_VERIFY_TOKEN' };
  const challenge = hubParam(request.query, 'challenge');
  if (!challenge) return { status: 400, reason: 'hub.challenge is missing' };
  return { status: 200, contentType: 'text/plain', body: challenge };
}

/** `X-Hub-Signature-256: sha256=<hex>` over the raw bytes with the App Secret, compared in constant time. */
export function verifyMetaSignature(request: WebhookRequest, config: AppConfig): VerifyResult {
  const header = headerValue(request.headers, META_SIGNATURE_HEADER);
  if (!header) return { ok: false, reason: 'missing X-Hub-Signature-256 header' };
  return verifySha256Header(header, config.META_APP_SECRET, request.rawBody) ? { ok: true } : { ok: false, reason: 'X-Hub-Signature-256 does not match the body' };
}
