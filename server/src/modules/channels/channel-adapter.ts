import type { Attachment, ChannelKind, MessageStatus } from '@rapport/shared';
import type { AppConfig } from '../../config/env.js';

/** A webhook request as the adapter needs it: the exact bytes, for signatures over them. */
export interface WebhookRequest {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  /** Route parameters (e.g. the Telegram path secret). */
  params: Record<string, string>;
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
  /**
   * Groups messages into one conversation per customer and thread: the root post / tweet conversation /
   * group chat of a public thread; absent (or '') for private messages.
   */
  threadKey?: string;
  /** Comments, mentions and group posts are public: everyone sees the reply. */
  isPublic?: boolean;
  /**
   * What a reply to this message needs that the ids above do not say (Telegram chat_id, Mastodon
   * visibility, X 'mention' | 'dm', Meta 'comment' | 'message', …). Stored with the message and handed
   * back to `send` as `replyTo.meta`. Strings only.
   */
  meta?: Record<string, string>;
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

/**
 * Something the platform sent that Rapport cannot read (an unknown shape, a field of an unexpected type):
 * never dropped, it becomes a dead letter. Events known and skipped on purpose are `ignored` instead.
 */
export interface UnreadableEvent {
  kind: 'unreadable';
  /** Names the field: `entry[0].messaging[0].sender.id: expected string, got boolean`. */
  reason: string;
  /** Polls only: the platform's page holding just this entry, as JSON (a webhook's dead letter keeps its whole body). */
  raw?: string;
}

export type InboundItem = InboundMessage | InboundStatus | IgnoredEvent | UnreadableEvent;

/** What a send needs: the reply, who it goes to, and the thread it answers. */
export interface OutboundContext {
  channel: ChannelContext;
  messageId: string;
  text: string;
  recipient: { externalId: string; handle: string | null };
  conversation: { id: string; threadKey: string; isPublic: boolean };
  /** The newest customer message of the conversation (platform id and its `meta`), to reply to. */
  replyTo: { externalId: string; meta: Record<string, string> } | null;
}

export interface CustomerProfileHint {
  name?: string;
  handle?: string;
  avatarUrl?: string;
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

/**
 * Raised by `parse` when a body is not what the platform sends: the webhook answers 400 with the reason.
 * Inside a readable envelope, the readers raise it for one entry, which becomes an UnreadableEvent.
 */
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

/** One implementation per channel kind: the only code that knows how to talk to that platform. */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  /** Delivers a reply; throws PlatformError (or a network error) on failure. */
  send(context: OutboundContext): Promise<SendResult>;
  /**
   * Set when `send` passes the message id as the platform's idempotency key (Mastodon's
   * `Idempotency-Key`, the API channel's): for this long after a send, sending again cannot post twice.
   */
  readonly idempotencyWindowMs?: number;
  /**
   * A sent-check for platforms without idempotency keys: was this reply posted since `since` (a send that
   * was interrupted before its answer was recorded)? The platform's own lookup; null when it is not there.
   */
  findSent?(context: OutboundContext, since: Date): Promise<SendResult | null>;
  /** Retry or give up, and why, for an error thrown by `send`. */
  classifyError(error: unknown): ErrorVerdict;
  /** Platforms read by polling (X mentions, Telegram getUpdates, Mastodon notifications). */
  poll?(channel: ChannelContext, cursor: string | null): Promise<PollResult>;
  /**
   * Polled platforms: one page as `poll` reads it (the `raw` of an UnreadableEvent, when a dead letter is
   * retried); throws MalformedPayloadError when it is not a page at all.
   */
  readPage?(channel: ChannelContext, page: unknown): InboundItem[];
  /** Platforms whose messages carry only an id: who is this customer (asked once, for a new customer)? */
  lookupProfile?(channel: ChannelContext, externalId: string): Promise<CustomerProfileHint | null>;
  /** Channels with a webhook of their own (the generic API channel): signature check with the channel's secret. */
  verify?(request: WebhookRequest, channel: ChannelContext, config: AppConfig): VerifyResult;
  /** Channels with a webhook of their own: one body → items (`receivedAt` dates what has no time of its own); throws MalformedPayloadError. */
  parse?(body: unknown, channel: ChannelContext, receivedAt: Date): InboundItem[];
}

/** The platform account an entry of a shared webhook is addressed to; it picks the channel. */
export interface ChannelAddress {
  kind: ChannelKind;
  /** facebook: page id, instagram: IG account id, whatsapp: phone_number_id, x: user id (for_user_id). */
  accountId: string;
}

export interface RoutedItem {
  address: ChannelAddress;
  item: InboundItem;
}

/**
 * An app-level webhook shared by many channels (`/webhooks/meta`, `/whatsapp`, `/x`, `/telegram/:secret`):
 * one signature with the app secret, then entries addressed to different channels.
 */
export interface WebhookSource {
  readonly name: 'meta' | 'whatsapp' | 'x' | 'telegram';
  /** The GET a platform sends to verify the webhook URL (Meta hub.challenge, X CRC). */
  handshake?(request: WebhookRequest, config: AppConfig): HandshakeResult;
  /** Checks the app-level signature over the raw bytes (constant-time). */
  verify(request: WebhookRequest, config: AppConfig): VerifyResult;
  /**
   * Splits a verified body into items, each addressed to a channel; events skipped on purpose become
   * `ignored` items, entries it cannot read `unreadable` ones (the others are still read). Throws
   * MalformedPayloadError only when the body is not this platform's envelope at all.
   */
  route(body: unknown): RoutedItem[];
}
