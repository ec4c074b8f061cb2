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
import type { ChannelAdapter, ChannelContext, OutboundContext, SendResult } from '../channels/channel-adapter.js';
import { certainlyNotSent, deliveryUnknownReason, planInterruptedSend } from './domain/interrupted-send.js';
import { OutboundSendsRepository } from './outbound-sends.repository.js';

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
    private readonly sends: OutboundSendsRepository,
  ) {}

  /**
   * `finalAttempt`: a transient error now fails the message instead of asking for a retry.
   *
   * A reply goes to its platform once: the send is recorded (and committed) before the platform is
   * called, so a retry after a crash between the platform's answer and our commit finds it and settles
   * it (same idempotency key again, or the platform's sent-check, or "delivery unknown" for the agent)
   * instead of sending again.
   */
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
      const context = await this.outboundContext(message, channel, conversation);
      const claim = await this.sends.claim(messageId);
      if (!claim.claimed) {
        const settled = await this.settleInterrupted(adapter, context, claim.startedAt, finalAttempt);
        if ('result' in settled) return settled;
        sent = settled.sent;
      }
      if (!sent) {
        try {
          sent = await adapter.send(context);
        } catch (err) {
          // Refused or never sent: the next try sends without a check. Otherwise it may be there already.
          if (certainlyNotSent(err)) await this.sends.refused(messageId);
          const verdict = adapter.classifyError(err);
          this.logger.warn(`send of ${messageId} via ${channel.kind} failed: ${verdict.reason}`);
          if (verdict.retryAfterMs) await this.gate.pause(channel.id, verdict.retryAfterMs);
          if (!verdict.retry || finalAttempt) return this.fail(messageId, verdict.reason, channel.kind, outboundFailureReason(err, verdict));
          return { result: 'retry', reason: verdict.reason, ...(verdict.retryAfterMs ? { retryAfterMs: verdict.retryAfterMs } : {}) };
        }
      }
      // Best effort: should the commit below fail, a retry records the reply from here without asking the platform.
      await this.receipts.remember(messageId, sent).catch((err: unknown) => this.logger.warn(`send receipt of ${messageId} not kept: ${String(err)}`));
    }
    await this.statuses.update(messageId, 'sent', { externalId: sent.externalId, error: null });
    this.metrics.outboundMessages.inc({ channel_kind: channel.kind, outcome: 'sent' });
    return { result: 'sent' };
  }

  /**
   * A send of this reply began at `startedAt` and its outcome was never recorded: it may be on the
   * platform. Answers how it was settled: `{ sent: null }` to send now (safe), `{ sent }` when the platform
   * has it, or the outcome to return (failed as delivery unknown, or a retry of the check).
   */
  private async settleInterrupted(adapter: ChannelAdapter, context: OutboundContext, startedAt: Date, finalAttempt: boolean): Promise<DeliveryOutcome | { sent: SendResult | null }> {
    const { messageId, channel: { kind } } = context;
    const plan = planInterruptedSend({ idempotencyWindowMs: adapter.idempotencyWindowMs, canCheck: adapter.findSent !== undefined }, startedAt, new Date());
    if (plan.action === 'resend') {
      this.logger.warn(`send of ${messageId} via ${kind} was interrupted: sending again with the same idempotency key`);
      return { sent: null };
    }
    if (plan.action === 'give-up') {
      this.logger.warn(`send of ${messageId} via ${kind} was interrupted and ${kind} cannot be asked: failed as delivery unknown`);
      return this.fail(messageId, deliveryUnknownReason(kind, 'no-check'), kind, 'delivery_unknown');
    }
    try {
      const found = await adapter.findSent!(context, startedAt);
      this.logger.warn(`send of ${messageId} via ${kind} was interrupted; the platform ${found ? 'has it' : 'does not have it: sending'}`);
      if (found) return { sent: found };
      await this.sends.restart(messageId);
      return { sent: null };
    } catch (err) {
      const verdict = adapter.classifyError(err);
      if (verdict.retry && !finalAttempt) return { result: 'retry', reason: `sent-check: ${verdict.reason}`, ...(verdict.retryAfterMs ? { retryAfterMs: verdict.retryAfterMs } : {}) };
      return this.fail(messageId, deliveryUnknownReason(kind, 'check-failed'), kind, 'delivery_unknown');
    }
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
