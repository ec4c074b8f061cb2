import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ChannelKind } from '@rapport/shared';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { QueueService } from '../../core/queue.service.js';
import type { InboundJob } from '../../core/queues.js';
import { MalformedPayloadError, type WebhookRequest } from '../channels/channel-adapter.js';
import { ChannelRegistry } from '../channels/channel-registry.js';
import { ChannelsService } from '../channels/channels.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { InboundService } from './inbound.service.js';
import { OutboundStatusService } from '../outbound/outbound-status.service.js';

export type WebhookOutcome =
  | { result: 'queued' }
  | { result: 'unknown-channel' }
  | { result: 'forged'; reason: string }
  | { result: 'malformed'; reason: string };

/** From raw platform event to stored messages: verify and queue on the way in, parse and store in the worker. */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    private readonly registry: ChannelRegistry,
    private readonly queues: QueueService,
    private readonly inbound: InboundService,
    private readonly statuses: OutboundStatusService,
    private readonly metrics: MetricsService,
  ) {}

  async acceptWebhook(where: { kind: ChannelKind; key: string }, request: WebhookRequest): Promise<WebhookOutcome> {
    const channel = await this.channels.context(where);
    if (!channel) return { result: 'unknown-channel' };
    const adapter = this.registry.get(channel.kind);
    const verdict = adapter.verify(request, channel, this.config);
    if (!verdict.ok) {
      this.metrics.webhookRejected.inc({ channel_kind: channel.kind, reason: 'signature' });
      return { result: 'forged', reason: verdict.reason };
    }
    const body = request.rawBody.toString('utf8');
    try {
      // Parsed here only to refuse a malformed event at once; the worker parses it again.
      adapter.parse(JSON.parse(body), channel);
    } catch (err) {
      this.metrics.webhookRejected.inc({ channel_kind: channel.kind, reason: 'malformed' });
      return { result: 'malformed', reason: err instanceof MalformedPayloadError || err instanceof SyntaxError ? err.message : 'unreadable body' };
    }
    await this.queues.addInbound({ channelId: channel.id, body, receivedAt: new Date().toISOString() });
    return { result: 'queued' };
  }

  /** The inbound worker's job: every customer message stored once, every status applied. */
  async processInbound(job: InboundJob): Promise<void> {
    const channel = await this.channels.context({ id: job.channelId });
    if (!channel) {
      this.logger.warn(`inbound event for unknown or disabled channel ${job.channelId} dropped`);
      return;
    }
    const items = this.registry.get(channel.kind).parse(JSON.parse(job.body), channel);
    for (const item of items) {
      if (item.kind === 'message') {
        const stored = await this.inbound.store(channel, item);
        this.metrics.inboundMessages.inc({ channel_kind: channel.kind, outcome: stored ? 'stored' : 'duplicate' });
      } else if (item.kind === 'status') {
        await this.statuses.apply(channel.id, item);
      } else {
        this.metrics.ignoredEvents.inc({ channel_kind: channel.kind, reason: item.reason });
      }
    }
  }
}
