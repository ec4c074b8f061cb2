import { Injectable, Logger } from '@nestjs/common';
import { QueueService } from '../../core/queue.service.js';
import { ChannelRegistry } from '../channels/channel-registry.js';
import { ChannelsService } from '../channels/channels.service.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import type { ConversationEntity } from '../conversations/conversation.entity.js';
import type { MessageEntity } from '../conversations/message.entity.js';
import { MessagesRepository } from '../conversations/messages.repository.js';
import { DO_NOT_CONTACT_REASON } from '../conversations/domain/send-check.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { outboundFailureReason, type OutboundFailureReason } from '../metrics/domain/outbound-failure.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { OutboundStatusService } from './outbound-status.service.js';
import { ChannelGate } from './channel-gate.service.js';
import { SendReceipts } from './send-receipts.service.js';
import type { ChannelContext, OutboundContext } from '../channels/channel-adapter.js';

export type DeliveryOutcome = { result: 'sent' | 'skipped' | 'failed' } | { result: 'retry'; reason: string; retryAfterMs?: number };

/** Sends one queued reply through its channel adapter and records what happened. */
@Injectable()
export class OutboundService {
  private readonly logger = new Logger(OutboundService.name);

  constructor(
    private readonly messages: MessagesRepository,
    private readonly conversations: ConversationsRepository,
    private readonly customers: CustomersRepository,
    private readonly channels: ChannelsService,
    private readonly registry: ChannelRegistry,
    private readonly statuses: OutboundStatusService,
    private readonly queues: QueueService,
    private readonly metrics: MetricsService,
    private readonly gate: ChannelGate,
    private readonly receipts: SendReceipts,
  ) {}

  /** `finalAttempt`: a transient error now fails the message instead of asking for a retry. */
  async deliver(messageId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const message = await this.messages.findById(messageId);
    if (!message || message.status !== 'queued' || message.private) return { result: 'skipped' };
    const channel = await this.channels.context({ id: message.channelId });
    if (!channel) return this.fail(messageId, 'The channel is disabled or was removed', 'unknown', 'channel_disabled');

    let sent = await this.receipts.get(messageId);
    if (!sent) {
      const conversation = await this.conversations.findById(message.conversationId);
      // Marked after the reply was queued still holds it back: nothing reaches a customer who asked for no contact.
      if (await this.refusesContact(conversation)) return this.fail(messageId, DO_NOT_CONTACT_REASON, channel.kind, 'other');
      const wait = await this.gate.waitFor(channel.id);
      if (wait > 0) return { result: 'retry', reason: 'channel is paced or paused', retryAfterMs: wait };
      const adapter = this.registry.get(channel.kind);
      try {
        sent = await adapter.send(await this.outboundContext(message, channel, conversation));
      } catch (err) {
        const verdict = adapter.classifyError(err);
        this.logger.warn(`send of ${messageId} via ${channel.kind} failed: ${verdict.reason}`);
        if (verdict.retryAfterMs) await this.gate.pause(channel.id, verdict.retryAfterMs);
        if (!verdict.retry || finalAttempt) return this.fail(messageId, verdict.reason, channel.kind, outboundFailureReason(err, verdict));
        return { result: 'retry', reason: verdict.reason, ...(verdict.retryAfterMs ? { retryAfterMs: verdict.retryAfterMs } : {}) };
      }
      await this.receipts.remember(messageId, sent);
    }
    await this.statuses.update(messageId, 'sent', { externalId: sent.externalId, error: null });
    this.metrics.outboundMessages.inc({ channel_kind: channel.kind, outcome: 'sent' });
    return { result: 'sent' };
  }

  private async refusesContact(conversation: ConversationEntity | null): Promise<boolean> {
    const customer = conversation ? await this.customers.findById(conversation.customerId) : null;
    return customer?.doNotContact ?? false;
  }

  private async outboundContext(message: MessageEntity, channel: ChannelContext, conversation: ConversationEntity | null): Promise<OutboundContext> {
    if (!conversation) throw new Error(`message ${message.id} has no conversation`);
    const [identity, lastInbound] = await Promise.all([this.customers.findIdentity(conversation.identityId), this.messages.lastInbound(conversation.id)]);
    if (!identity) throw new Error(`conversation ${conversation.id} has no identity`);
    return {
      channel,
      messageId: message.id,
      text: message.text,
      recipient: { externalId: identity.externalId, handle: identity.handle },
      conversation: { id: conversation.id, threadKey: conversation.threadKey, isPublic: conversation.isPublic },
      replyTo: lastInbound?.externalId ? { externalId: lastInbound.externalId, meta: lastInbound.platformMeta } : null,
    };
  }

  /** Re-enqueues replies left queued without a job (e.g. Redis was briefly unreachable after the commit). */
  async requeueStale(olderThanMs = 60_000): Promise<number> {
    const stale = await this.messages.staleQueuedIds(olderThanMs, 500);
    for (const id of stale) await this.queues.addOutbound(id);
    return stale.length;
  }

  private async fail(messageId: string, reason: string, kind: string, failure: OutboundFailureReason): Promise<DeliveryOutcome> {
    await this.statuses.update(messageId, 'failed', { error: reason });
    this.metrics.outboundMessages.inc({ channel_kind: kind, outcome: 'failed' });
    this.metrics.recordOutboundFailure(kind, failure);
    return { result: 'failed' };
  }
}
