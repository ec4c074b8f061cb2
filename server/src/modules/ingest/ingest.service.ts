import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { QueueService } from '../../core/queue.service.js';
import type { InboundJob, InboundSource } from '../../core/queues.js';
import { MalformedPayloadError, type HandshakeResult, type InboundItem, type RoutedItem, type WebhookRequest } from '../channels/channel-adapter.js';
import { ChannelRegistry } from '../channels/channel-registry.js';
import { ChannelsService, type LoadedChannel } from '../channels/channels.service.js';
import { WebhookSources, type WebhookSourceName } from '../channels/webhook-sources.js';
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
      adapter.parse!(JSON.parse(body), channel, new Date());
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
      handler.route(JSON.parse(body));
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

  /** The inbound worker's job: every customer message stored once, every status applied. */
  async processInbound(job: InboundJob): Promise<void> {
    const pinned = job.channelId ? await this.channels.context({ id: job.channelId }) : null;
    if (job.channelId && !pinned) {
      this.logger.warn(`inbound event for unknown or disabled channel ${job.channelId} dropped`);
      return;
    }
    const routed = this.route(job, pinned);
    const byAddress = new Map<string, LoadedChannel | null>();
    const addressed: Array<{ channel: LoadedChannel; item: InboundItem }> = [];
    for (const { address, item } of routed) {
      let channel = pinned;
      if (!channel) {
        const key = `${address.kind}:${address.accountId}`;
        if (!byAddress.has(key)) byAddress.set(key, await this.channels.byAddress(address));
        channel = byAddress.get(key) ?? null;
      }
      if (channel) addressed.push({ channel, item });
      else this.metrics.ignoredEvents.inc({ channel_kind: address.kind, reason: 'no channel for this account' });
    }
    // Handed over in one go (in order), so the event's messages share a batch.
    const receivedAt = new Date(job.receivedAt);
    const work = addressed.map(({ channel, item }) => this.apply(channel, item, receivedAt));
    const outcomes = await Promise.allSettled(work);
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private route(job: InboundJob, pinned: LoadedChannel | null): RoutedItem[] {
    const source: InboundSource = job.source;
    if (source === 'poll') return deserializeItems(job.body).map((item) => ({ address: { kind: pinned!.kind, accountId: '' }, item }));
    if (source === 'api') return this.registry.get('api').parse!(JSON.parse(job.body), pinned!, new Date(job.receivedAt)).map((item) => ({ address: { kind: 'api', accountId: '' }, item }));
    return this.sources.get(source).route(JSON.parse(job.body));
  }

  /** Stores a message, applies a delivery status, or counts what is ignored. */
  private async apply(channel: LoadedChannel, item: InboundItem, receivedAt: Date): Promise<void> {
    if (item.kind === 'message') {
      const stored = await this.inbound.store(channel, item, { canLookUpProfile: this.registry.get(channel.kind).lookupProfile !== undefined, receivedAt });
      this.metrics.inboundMessages.inc({ channel_kind: channel.kind, outcome: stored ? 'stored' : 'duplicate' });
    } else if (item.kind === 'status') {
      await this.statuses.apply(channel.id, item);
    } else {
      this.metrics.ignoredEvents.inc({ channel_kind: channel.kind, reason: item.reason });
    }
  }

  private rejected(source: string, why: 'forged' | 'malformed', reason: string): WebhookOutcome {
    this.metrics.webhookRejected.inc({ channel_kind: source, reason: why === 'forged' ? 'signature' : 'malformed' });
    return { result: why, reason };
  }
}
