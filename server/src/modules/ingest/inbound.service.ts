import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not, type EntityManager } from 'typeorm';
import type { ChannelContext, InboundMessage } from '../channels/channel-adapter.js';
import { ConversationEntity } from '../conversations/conversation.entity.js';
import { preview, toMessageDto } from '../conversations/conversation.mapper.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { MessageEntity } from '../conversations/message.entity.js';
import { CustomerIdentityEntity } from '../customers/customer-identity.entity.js';
import { CustomerEntity } from '../customers/customer.entity.js';
import { conversationAudience } from '../realtime/audience.js';
import { EventsService } from '../realtime/events.service.js';
import { RoutingService } from '../routing/routing.service.js';
import { detectLanguage } from '../routing/domain/language.js';
import { assessPriority } from '../routing/domain/priority.js';
import { topicsOf } from '../routing/domain/topics.js';

/**
 * Stores one customer message: dedupe on (channel, external id) → customer and identity → the open
 * conversation of that thread (or a new one) → message → events, all in one transaction.
 */
@Injectable()
export class InboundService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly events: EventsService,
    private readonly routing: RoutingService,
  ) {}

  knowsSender(channelId: string, externalId: string): Promise<boolean> {
    return this.dataSource.getRepository(CustomerIdentityEntity).existsBy({ channelId, externalId });
  }

  /** Returns false when the message was already stored (a redelivery). */
  async store(channel: ChannelContext & { teamId: string | null }, item: InboundMessage): Promise<boolean> {
    const stored = await this.dataSource.transaction(async (manager) => {
      // One customer's messages on one channel are stored one at a time: no duplicate customer or conversation.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${channel.id}:${item.sender.externalId}`]);
      const duplicate = await manager.getRepository(MessageEntity).existsBy({ channelId: channel.id, externalId: item.externalId });
      if (duplicate) return false;

      const identity = await this.findOrCreateIdentity(manager, channel.id, item);
      const { conversation, created, woke } = await this.findOrOpenConversation(manager, channel, identity, item);

      const message = await manager.getRepository(MessageEntity).save(
        manager.getRepository(MessageEntity).create({
          conversationId: conversation.id,
          channelId: channel.id,
          direction: 'inbound',
          authorType: 'customer',
          authorId: null,
          private: false,
          text: item.text,
          attachments: item.attachments,
          status: 'delivered',
          externalId: item.externalId,
          sentAt: item.sentAt,
          platformMeta: item.meta ?? {},
        }),
      );

      const activityAt = new Date(Math.max(conversation.lastMessageAt?.getTime() ?? 0, Date.now()));
      const stillWaiting = conversation.waitingSince !== null;
      conversation.lastMessageAt = activityAt;
      conversation.lastMessagePreview = preview(item.text, item.attachments);
      conversation.unreadCount += created ? 0 : 1;
      conversation.waitingSince ??= item.sentAt;
      conversation.language ??= detectLanguage(item.text);
      conversation.tags = [...new Set([...conversation.tags, ...topicsOf(item.text)])];
      const customer = await manager.getRepository(CustomerEntity).findOneByOrFail({ id: identity.customerId });
      const assessed = assessPriority({ tier: customer.tier, text: item.text, waitingSince: conversation.waitingSince, slaDeadline: conversation.slaDeadline, now: new Date() });
      // Within one wait a calmer follow-up ("thanks?") does not make an angry customer less urgent.
      if (!stillWaiting || created || assessed.score > conversation.priorityScore) {
        conversation.priority = assessed.level;
        conversation.priorityScore = assessed.score;
        conversation.prioritySignals = assessed.signals;
      }
      await manager.getRepository(ConversationEntity).save(conversation);

      const dto = (await this.conversations.loadDto(conversation.id, manager))!;
      const audience = conversationAudience(dto);
      if (created) await this.events.append(manager, 'conversation.created', { conversation: dto }, audience);
      await this.events.append(manager, 'message.created', { conversationId: dto.id, message: toMessageDto(message, dto.customer.name) }, audience);
      if (!created) await this.events.append(manager, 'conversation.updated', { conversation: dto }, audience);
      // New or woken conversations need an owner now; one already waiting is served when capacity frees.
      return { routable: (created || woke) && dto.assigneeId === null, conversationId: dto.id };
    });
    if (!stored) return false;
    await this.events.committed();
    if (stored.routable) await this.routing.later.route(stored.conversationId);
    return true;
  }

  private async findOrCreateIdentity(manager: EntityManager, channelId: string, item: InboundMessage): Promise<CustomerIdentityEntity> {
    const identities = manager.getRepository(CustomerIdentityEntity);
    const { externalId, name, handle } = item.sender;
    const existing = await identities.findOneBy({ channelId, externalId });
    if (existing) {
      // Platforms let people rename themselves: keep the newest display name and handle.
      if ((name && name !== existing.displayName) || (handle && handle !== existing.handle)) {
        existing.displayName = name ?? existing.displayName;
        existing.handle = handle ?? existing.handle;
        await identities.save(existing);
      }
      return existing;
    }
    const customer = await manager.getRepository(CustomerEntity).save(manager.getRepository(CustomerEntity).create({ name: name ?? handle ?? externalId }));
    return identities.save(identities.create({ customerId: customer.id, channelId, externalId, handle: handle ?? null, displayName: name ?? null }));
  }

  private async findOrOpenConversation(
    manager: EntityManager,
    channel: ChannelContext & { teamId: string | null },
    identity: CustomerIdentityEntity,
    item: InboundMessage,
  ): Promise<{ conversation: ConversationEntity; created: boolean; woke: boolean }> {
    const repo = manager.getRepository(ConversationEntity);
    const threadKey = item.threadKey ?? '';
    const open = await repo
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where({ channelId: channel.id, identityId: identity.id, threadKey, status: Not('resolved') })
      .getOne();
    if (open) {
      // A customer writing again wakes a pending or snoozed conversation.
      const woke = open.status !== 'open';
      if (woke) {
        open.status = 'open';
        open.snoozedUntil = null;
      }
      return { conversation: open, created: false, woke };
    }
    const conversation = repo.create({
      channelId: channel.id,
      customerId: identity.customerId,
      identityId: identity.id,
      threadKey,
      isPublic: item.isPublic ?? false,
      status: 'open',
      priority: 'normal',
      teamId: channel.teamId,
      firstMessageAt: item.sentAt,
      lastMessageAt: new Date(),
      unreadCount: 1,
      tags: [],
    });
    return { conversation: await repo.save(conversation), created: true, woke: false };
  }
}
