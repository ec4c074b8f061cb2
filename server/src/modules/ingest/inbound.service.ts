import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { QueueService } from '../../core/queue.service.js';
import type { InboundMessage } from '../channels/channel-adapter.js';
import type { LoadedChannel } from '../channels/channels.service.js';
import type { ConversationEntity } from '../conversations/conversation.entity.js';
import { preview, toMessageDto } from '../conversations/conversation.mapper.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { MessagesRepository } from '../conversations/messages.repository.js';
import type { CustomerIdentityEntity } from '../customers/customer-identity.entity.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { conversationAudience } from '../events/audience.js';
import { Transactions } from '../events/transactions.service.js';
import { triageMessage } from '../triage/triage.js';

/** Thrown inside the transaction to roll back the work done for a message that was stored already. */
class AlreadyStored extends Error {}

export interface StoreOptions {
  /** The platform can name an id-only sender later (its adapter has a profile lookup). */
  canLookUpProfile: boolean;
}

/**
 * Stores one customer message in one transaction: customer and identity → the open conversation of
 * that thread (or a new one) → message (deduplicated on channel and external id) → triage → events.
 * Routing and the profile lookup are queued after the commit; neither holds up the message.
 */
@Injectable()
export class InboundService {
  constructor(
    private readonly transactions: Transactions,
    private readonly customers: CustomersRepository,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly queues: QueueService,
  ) {}

  /** Returns false when the message was already stored (a redelivery). */
  async store(channel: LoadedChannel, item: InboundMessage, options: StoreOptions): Promise<boolean> {
    try {
      await this.transactions.run(async (tx) => {
        const { manager } = tx;
        // One sender's messages on one channel are stored one at a time: no duplicate customer or conversation.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${channel.id}:${item.sender.externalId}`]);
        const { identity, customer } = await this.customers.upsertSender(manager, channel.id, item.sender);
        const { conversation, opened, woke } = await this.openConversation(manager, channel, identity, item);

        const message = await this.messages.insertInbound(manager, {
          conversationId: conversation.id,
          channelId: channel.id,
          direction: 'inbound',
          authorType: 'customer',
          authorId: null,
          private: false,
          text: item.text,
          attachments: item.attachments,
          status: 'delivered',
          error: null,
          externalId: item.externalId,
          clientId: null,
          sentAt: item.sentAt,
          platformMeta: item.meta ?? {},
        });
        if (!message) throw new AlreadyStored();

        const now = new Date();
        const triage = triageMessage(conversation, { text: item.text, tier: customer.tier, sentAt: item.sentAt, opened, now });
        await this.conversations.recordInbound(manager, conversation.id, {
          ...(woke ? { status: 'open' as const, snoozedUntil: null } : {}),
          lastMessageAt: new Date(Math.max(conversation.lastMessageAt.getTime(), now.getTime())),
          unreadCount: conversation.unreadCount + (opened ? 0 : 1),
          waitingSince: triage.waitingSince,
          language: triage.language,
          tags: triage.tags,
          ...(triage.priority ? { priority: triage.priority.level, priorityScore: triage.priority.score, prioritySignals: triage.priority.signals } : {}),
        }, { id: message.id, sentAt: item.sentAt, preview: preview(item.text, item.attachments) });

        const dto = (await this.conversations.loadDto(conversation.id, manager))!;
        const audience = conversationAudience(dto);
        if (opened) tx.publish('conversation.created', { conversation: dto }, audience);
        tx.publish('message.created', { conversationId: dto.id, message: toMessageDto(message, dto.customer.name) }, audience);
        if (!opened) tx.publish('conversation.updated', { conversation: dto }, audience);

        // New or woken conversations need an owner now; one already waiting is served when capacity frees.
        if ((opened || woke) && dto.assigneeId === null) tx.afterCommit(() => this.queues.addRouting({ type: 'route', conversationId: dto.id }));
        // Names and avatars come from the platform later, off this path.
        if (options.canLookUpProfile && !identity.displayName && !item.sender.name) tx.afterCommit(() => this.queues.addProfileLookup({ channelId: channel.id, identityId: identity.id }));
      });
      return true;
    } catch (err) {
      if (err instanceof AlreadyStored) return false;
      throw err;
    }
  }

  private async openConversation(
    manager: EntityManager,
    channel: LoadedChannel,
    identity: CustomerIdentityEntity,
    item: InboundMessage,
  ): Promise<{ conversation: ConversationEntity; opened: boolean; woke: boolean }> {
    const threadKey = item.threadKey ?? '';
    const open = await this.conversations.lockOpenThread(manager, { channelId: channel.id, identityId: identity.id, threadKey });
    // A customer writing again wakes a pending or snoozed conversation.
    if (open) return { conversation: open, opened: false, woke: open.status !== 'open' };
    const conversation = await this.conversations.create(manager, {
      channelId: channel.id,
      customerId: identity.customerId,
      identityId: identity.id,
      threadKey,
      isPublic: item.isPublic ?? false,
      status: 'open',
      priority: 'normal',
      priorityScore: 0,
      prioritySignals: [],
      language: null,
      slaDeadline: null,
      waitingSince: null,
      teamId: channel.teamId,
      firstMessageAt: item.sentAt,
      lastMessageAt: new Date(),
      unreadCount: 1,
      tags: [],
    });
    return { conversation, opened: true, woke: false };
  }
}
