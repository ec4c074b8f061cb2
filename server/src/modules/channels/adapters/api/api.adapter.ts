import { apiChannelInbound } from '@rapport/shared';
import type { AppConfig } from '../../../../config/env.js';
import { describeIssues } from '../../../../common/zod.pipe.js';
import {
  MalformedPayloadError,
  type ChannelAdapter,
  type ChannelContext,
  type ErrorVerdict,
  type InboundItem,
  type OutboundContext,
  type SendResult,
  type VerifyResult,
  type WebhookRequest,
} from '../../channel-adapter.js';
import { classifyHttpError, platformId, requestJson } from '../../http-errors.js';
import { headerValue, hmacSha256Hex, verifySha256Header } from '../../signature.js';

export const API_SIGNATURE_HEADER = 'x-rapport-signature';

/**
 * The generic API channel: any system can post signed customer messages to `/webhooks/api/:key`,
 * and receives our replies, signed the same way, at its `callbackUrl`.
 */
export class ApiChannelAdapter implements ChannelAdapter {
  readonly kind = 'api' as const;
  /** Callbacks carry `Idempotency-Key: <message id>`; receivers keep keys for a day. */
  readonly idempotencyWindowMs = 24 * 3_600_000;

  verify(request: WebhookRequest, channel: ChannelContext, _config: AppConfig): VerifyResult {
    const secret = channel.secrets.secret;
    if (!secret) return { ok: false, reason: 'channel has no signing secret' };
    const header = headerValue(request.headers, API_SIGNATURE_HEADER);
    if (!header) return { ok: false, reason: 'missing X-Rapport-Signature header' };
    return verifySha256Header(header, secret, request.rawBody) ? { ok: true } : { ok: false, reason: 'signature does not match' };
  }

  parse(body: unknown, _channel?: ChannelContext, receivedAt: Date = new Date()): InboundItem[] {
    const parsed = apiChannelInbound.safeParse(body);
    if (!parsed.success) throw new MalformedPayloadError(describeIssues(parsed.error));
    const { id, from, text, timestamp } = parsed.data;
    return [
      {
        kind: 'message',
        externalId: id,
        sender: { externalId: from.id, name: from.name },
        text,
        attachments: [],
        sentAt: timestamp ? new Date(timestamp) : receivedAt,
      },
    ];
  }

  async send(context: OutboundContext): Promise<SendResult> {
    const callbackUrl = context.channel.config.callbackUrl;
    // Without a callback the API channel is pull-only: the reply is final once stored.
    if (typeof callbackUrl !== 'string' || callbackUrl === '') return { externalId: null };
    const body = JSON.stringify({
      id: context.messageId,
      conversationId: context.conversation.id,
      to: { id: context.recipient.externalId },
      text: context.text,
      inReplyTo: context.replyTo?.externalId ?? null,
      timestamp: new Date().toISOString(),
    });
    const answer = await requestJson(callbackUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [API_SIGNATURE_HEADER]: `sha256=${hmacSha256Hex(context.channel.secrets.secret ?? '', body)}`,
        // The same reply sent again (a retry after a crash) carries the same key: the receiver stores it once.
        'idempotency-key': context.messageId,
      },
      body,
    });
    return { externalId: platformId((answer as { id?: unknown } | null)?.id) };
  }

  classifyError(error: unknown): ErrorVerdict {
    return classifyHttpError(error);
  }
}
