import type { Attachment, ChannelKind, MessageStatus } from '@rapport/shared';
import type { AppConfig } from '../../config/env.js';

/** A webhook request as the adapter needs it: the exact bytes, for signatures over them. */
export interface WebhookRequest {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
}

/** The channel a webhook, poll or send is for, with its secrets loaded. */
export interface ChannelContext {
  id: string;
  kind: ChannelKind;
  key: string | null;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
}

/** A customer message in Rapport's terms, whatever platform it came from. */
export interface InboundMessage {
  kind: 'message';
  externalId: string;
  sender: { externalId: string; name?: string | undefined; handle?: string | undefined };
  text: string;
  attachments: Attachment[];
  sentAt: Date;
  /** Public thread this belongs to (root post for comments); absent for private messages. */
  threadKey?: string;
  isPublic?: boolean;
}

/** A platform's word on one of our outbound messages. */
export interface InboundStatus {
  kind: 'status';
  externalId: string;
  status: Extract<MessageStatus, 'sent' | 'delivered' | 'read' | 'failed'>;
  error?: string;
}

/** Something the platform sent that is not a customer message (echo, reaction, our own post…). */
export interface IgnoredEvent {
  kind: 'ignored';
  reason: string;
}

export type InboundItem = InboundMessage | InboundStatus | IgnoredEvent;

/** What a send needs: the reply, who it goes to, and the thread it answers. */
export interface OutboundContext {
  channel: ChannelContext;
  messageId: string;
  text: string;
  recipient: { externalId: string; handle: string | null };
  conversation: { id: string; threadKey: string; isPublic: boolean };
  /** Platform id of the newest customer message, for quoting / reply-to. */
  replyToExternalId: string | null;
}

export interface SendResult {
  externalId: string | null;
}

/** How a failed send should be treated. */
export interface ErrorVerdict {
  retry: boolean;
  /** Shown to the agent on the failed message. */
  reason: string;
  /** When the platform says when to try again. */
  retryAfterMs?: number;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** The answer to a platform's subscription handshake (Meta `hub.challenge`, X CRC `response_token`). */
export type HandshakeResult = { status: 200; contentType: 'text/plain' | 'application/json'; body: string } | { status: 400 | 401 | 403; reason: string };

/** One page of a polled channel; `cursor` is saved only once `items` are durably queued. */
export interface PollResult {
  items: InboundItem[];
  cursor: string | null;
  /** The platform asked us to wait (429 / rate-limit headers): pause this channel's poller that long. */
  retryAfterMs?: number;
}

/** Raised by `parse` when a body is not what the platform sends: the webhook answers 400 with the reason. */
export class MalformedPayloadError extends Error {}

/** Raised by `send` with the platform's HTTP status and body, for `classifyError`. */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly body: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** One implementation per platform: the only code that knows its wire formats. */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  /** Checks the platform's signature over the raw bytes (constant-time). */
  verify(request: WebhookRequest, channel: ChannelContext, config: AppConfig): VerifyResult;
  /** Turns one webhook body (or poll page) into inbound items; throws MalformedPayloadError. */
  parse(body: unknown, channel: ChannelContext): InboundItem[];
  /** Delivers a reply; throws PlatformError (or a network error) on failure. */
  send(context: OutboundContext): Promise<SendResult>;
  /** Retry or give up, and why, for an error thrown by `send`. */
  classifyError(error: unknown): ErrorVerdict;
  /** Platforms that verify a webhook URL with a GET before delivering to it. */
  handshake?(request: WebhookRequest, config: AppConfig): HandshakeResult;
  /** Platforms read by polling (X mentions, Telegram getUpdates, Mastodon notifications). */
  poll?(channel: ChannelContext, cursor: string | null): Promise<PollResult>;
}
