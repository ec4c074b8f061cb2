import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ChannelKind } from '@rapport/shared';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { QueueService } from '../../core/queue.service.js';
import type { InboundJob, InboundSource } from '../../core/queues.js';
import { MalformedPayloadError, type HandshakeResult, type InboundItem, type RoutedItem, type UnreadableEvent, type WebhookRequest } from '../channels/channel-adapter.js';
import { ChannelRegistry } from '../channels/channel-registry.js';
import { ChannelsService, type LoadedChannel } from '../channels/channels.service.js';
import { parseJson } from '../channels/exact-json.js';
import { WebhookSources, type WebhookSourceName } from '../channels/webhook-sources.js';
import { DeadLetterRecorder } from '../dead-letters/dead-letter-recorder.service.js';
import { fingerprintOf, joinReasons, kindOfOrigin, originOf, sourceName, type DeadLetterOrigin } from '../dead-letters/dead-letter-rules.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { OutboundStatusService } from '../outbound/outbound-status.service.js';
import { InboundService } from './inbound.service.js';
import { deserializeItems } from './polled-items.js';

export type WebhookOutcome =
  | { result: 'queued' }
  | { result: 'unknown-channel'; reason: string }
  | { result: 'forged'; reason: string }
  | { result: 'malformed'; reason: string };

const malformedReason = (err: unknown): string => (err instanceof MalformedPayloadError || err instanceof SyntaxError ? err.message : 'unreadable body');
/** What today's code cannot read, as opposed to a failure of Postgres, Redis or a bug. */
const isUnreadable = (err: unknown): err is MalformedPayloadError | SyntaxError => err instanceof MalformedPayloadError || err instanceof SyntaxError;

/** An item and the channel it is for (null: addressed to an account no channel has). */
interface Addressed {
  address: RoutedItem['address'];
  channel: LoadedChannel | null;
  item: InboundItem;
}

type Applied = 'stored' | 'duplicate' | 'status' | 'ignored';

/** A dead letter read again: `stored` and `duplicates` count customer messages. */
export type Reread = { readable: true; stored: number; duplicates: number } | { readable: false; reason: string };

/** From raw platform event to stored messages: verify and queue on the way in, parse and store in the worker. */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    private readonly registry: ChannelRegistry,
    private readonly sources: WebhookSources,
    private readonly queues: QueueService,
    private readonly inbound: InboundService,
    private readonly statuses: OutboundStatusService,
    private readonly metrics: MetricsService,
    private readonly deadLetters: DeadLetterRecorder,
  ) {}

  /** A generic API channel's own webhook, signed with that channel's secret. */
  async acceptApiWebhook(key: string, request: WebhookRequest): Promise<WebhookOutcome> {
    const channel = await this.channels.context({ kind: 'api', key });
    if (!channel) return { result: 'unknown-channel', reason: `No API channel with key "${key}"` };
    const adapter = this.registry.get('api');
    const verdict = adapter.verify!(request, channel, this.config);
    if (!verdict.ok) return this.rejected('api', 'forged', verdict.reason);
    const body = request.rawBody.toString('utf8');
    try {
      // Parsed here only to refuse a malformed event at once; the worker parses it again.
      adapter.parse!(parseJson(body), channel, new Date());
    } catch (err) {
      return this.rejected('api', 'malformed', malformedReason(err));
    }
    await this.queues.addInbound({ source: 'api', channelId: channel.id, body, receivedAt: new Date().toISOString() });
    return { result: 'queued' };
  }

  handshake(source: WebhookSourceName, request: WebhookRequest): HandshakeResult {
    const handler = this.sources.get(source);
    return handler.handshake ? handler.handshake(request, this.config) : { status: 400, reason: `${source} has no handshake` };
  }

  /**
   * A shared platform webhook (Meta, WhatsApp, X, Telegram): app-level signature, then queued whole;
   * the worker routes each entry to its channel. `pinChannel` names the one channel it is for (Telegram),
   * asked only once the signature holds.
   */
  async acceptSharedWebhook(source: WebhookSourceName, request: WebhookRequest, pinChannel?: () => Promise<string>): Promise<WebhookOutcome> {
    const handler = this.sources.get(source);
    const verdict = handler.verify(request, this.config);
    if (!verdict.ok) return this.rejected(source, 'forged', verdict.reason);
    const channelId = pinChannel ? await pinChannel() : null;
    const body = request.rawBody.toString('utf8');
    try {
      handler.route(parseJson(body));
    } catch (err) {
      return this.rejected(source, 'malformed', malformedReason(err));
    }
    await this.queues.addInbound({ source, channelId, body, receivedAt: new Date().toISOString() });
    return { result: 'queued' };
  }

  /** Polled items of one channel, queued before the poller may move its cursor. */
  async queuePolled(channelId: string, items: InboundItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.queues.addInbound({ source: 'poll', channelId, body: JSON.stringify(items), receivedAt: new Date().toISOString() });
  }

  /**
   * The inbound worker's job: every customer message stored once, every status applied, and what cannot
   * be read kept as a dead letter (never retried forever, never dropped).
   */
  async processInbound(job: InboundJob): Promise<void> {
    const pinned = job.channelId ? await this.channels.context({ id: job.channelId }) : null;
    if (job.channelId && !pinned) {
      this.logger.warn(`inbound event for unknown or disabled channel ${job.channelId} dropped`);
      return;
    }
    const receivedAt = new Date(job.receivedAt);
    const origin: DeadLetterOrigin = job.source === 'poll' ? { via: 'poll', kind: pinned!.kind } : { via: 'webhook', source: job.source };
    let routed: RoutedItem[];
    try {
      routed = this.route(job, pinned);
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      // Accepted by a process whose code read the envelope, which this one cannot.
      await this.keepBody(origin, job.body, pinned, pinned?.kind ?? kindOfOrigin(origin), [malformedReason(err)]);
      return;
    }
    const addressed = await this.address(routed, pinned);
    await this.keepUnreadable(origin, job.body, pinned, addressed);
    const failed = (await this.applyAll(addressed, receivedAt)).find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * A dead letter read again with today's code. Readable: its items go the normal way (a message stored
   * before is not stored twice); still unreadable: why.
   */
  async reread(letter: { source: string; channelId: string | null; rawBody: string; receivedAt: Date }): Promise<Reread> {
    const origin = originOf(letter.source);
    if (!origin) return { readable: false, reason: `source "${letter.source}" is not one this version reads` };
    const needsChannel = origin.via === 'poll' || origin.source === 'api' || origin.source === 'telegram';
    const pinned = needsChannel && letter.channelId ? await this.channels.context({ id: letter.channelId }) : null;
    if (needsChannel && !pinned) return { readable: false, reason: 'its channel is deleted or disabled' };
    let routed: RoutedItem[];
    try {
      routed = origin.via === 'poll' ? this.readPolledPage(pinned!, letter.rawBody) : this.routeBody(origin.source, letter.rawBody, pinned, letter.receivedAt);
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      return { readable: false, reason: malformedReason(err) };
    }
    const unreadable = routed.flatMap(({ item }) => (item.kind === 'unreadable' ? [item.reason] : []));
    if (unreadable.length > 0) return { readable: false, reason: joinReasons(unreadable) };
    const outcomes = await this.applyAll(await this.address(routed, pinned), letter.receivedAt);
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
    const applied = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'ignored'));
    return { readable: true, stored: applied.filter((a) => a === 'stored').length, duplicates: applied.filter((a) => a === 'duplicate').length };
  }

  private route(job: InboundJob, pinned: LoadedChannel | null): RoutedItem[] {
    const source: InboundSource = job.source;
    if (source === 'poll') return deserializeItems(job.body).map((item) => ({ address: { kind: pinned!.kind, accountId: '' }, item }));
    return this.routeBody(source, job.body, pinned, new Date(job.receivedAt));
  }

  private routeBody(source: Exclude<InboundSource, 'poll'>, body: string, pinned: LoadedChannel | null, receivedAt: Date): RoutedItem[] {
    if (source === 'api') return this.registry.get('api').parse!(parseJson(body), pinned!, receivedAt).map((item) => ({ address: { kind: 'api', accountId: '' }, item }));
    return this.sources.get(source).route(parseJson(body));
  }

  /** A polled dead letter holds the platform's page with just its entry: read as the poller reads pages. */
  private readPolledPage(channel: LoadedChannel, body: string): RoutedItem[] {
    const adapter = this.registry.get(channel.kind);
    if (!adapter.readPage) throw new MalformedPayloadError(`${channel.kind} channels are not polled`);
    return adapter.readPage(channel, parseJson(body)).map((item) => ({ address: { kind: channel.kind, accountId: '' }, item }));
  }

  /** Each item with its channel: the pinned one, or the one its account id names (asked once per account). */
  private async address(routed: RoutedItem[], pinned: LoadedChannel | null): Promise<Addressed[]> {
    const byAddress = new Map<string, LoadedChannel | null>();
    const addressed: Addressed[] = [];
    for (const { address, item } of routed) {
      let channel = pinned;
      if (!channel && address.accountId !== '') {
        const key = `${address.kind}:${address.accountId}`;
        if (!byAddress.has(key)) byAddress.set(key, await this.channels.byAddress(address));
        channel = byAddress.get(key) ?? null;
      }
      addressed.push({ address, channel, item });
    }
    return addressed;
  }

  /** Handed over in one go (in order), so the event's messages share a batch. */
  private applyAll(addressed: Addressed[], receivedAt: Date): Promise<Array<PromiseSettledResult<Applied>>> {
    const work = addressed.flatMap(({ address, channel, item }): Array<Promise<Applied>> => {
      if (item.kind === 'unreadable') return [];
      if (channel) return [this.apply(channel, item, receivedAt)];
      this.metrics.ignoredEvents.inc({ channel_kind: address.kind, reason: 'no channel for this account' });
      return [];
    });
    return Promise.allSettled(work);
  }

  /**
   * Webhooks: one dead letter for the body, with every entry's reason (a retry reads the body whole, and
   * its readable entries were stored already, so they are not stored twice). Polls: one per entry, each
   * with the page of just that entry.
   */
  private async keepUnreadable(origin: DeadLetterOrigin, body: string, pinned: LoadedChannel | null, addressed: Addressed[]): Promise<void> {
    const unreadable = addressed.filter((a): a is Addressed & { item: UnreadableEvent } => a.item.kind === 'unreadable');
    if (unreadable.length === 0) return;
    if (origin.via === 'poll') {
      for (const { item, channel, address } of unreadable) await this.keepBody(origin, item.raw ?? JSON.stringify(item), channel, address.kind, [item.reason]);
      return;
    }
    const first = unreadable.find((a) => a.channel) ?? unreadable[0]!;
    await this.keepBody(origin, body, first.channel ?? pinned, first.channel?.kind ?? first.address.kind, unreadable.map((a) => a.item.reason));
  }

  private async keepBody(origin: DeadLetterOrigin, rawBody: string, channel: LoadedChannel | null, channelKind: ChannelKind, reasons: string[]): Promise<void> {
    const source = sourceName(origin);
    await this.deadLetters.record({ channelKind, channelId: channel?.id ?? null, source, rawBody, contentType: 'application/json', reason: joinReasons(reasons), fingerprint: fingerprintOf(source, channel?.id ?? null, rawBody) });
  }

  /** Stores a message, applies a delivery status, or counts what is ignored. */
  private async apply(channel: LoadedChannel, item: Exclude<InboundItem, UnreadableEvent>, receivedAt: Date): Promise<Applied> {
    if (item.kind === 'message') {
      const stored = await this.inbound.store(channel, item, { canLookUpProfile: this.registry.get(channel.kind).lookupProfile !== undefined, receivedAt });
      this.metrics.inboundMessages.inc({ channel_kind: channel.kind, outcome: stored ? 'stored' : 'duplicate' });
      return stored ? 'stored' : 'duplicate';
    }
    if (item.kind === 'status') {
      await this.statuses.apply(channel.id, item);
      return 'status';
    }
    this.metrics.ignoredEvents.inc({ channel_kind: channel.kind, reason: item.reason });
    return 'ignored';
  }

  private rejected(source: string, why: 'forged' | 'malformed', reason: string): WebhookOutcome {
    this.metrics.webhookRejected.inc({ channel_kind: source, reason: why === 'forged' ? 'signature' : 'malformed' });
    return { result: why, reason };
  }
}
