import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not, type EntityManager } from 'typeorm';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { conversationAudience } from '../realtime/audience.js';
import { EventsService } from '../realtime/events.service.js';
import { assessPriority } from '../routing/domain/priority.js';
import type { CustomerProfile, UpdateCustomerBody } from '@rapport/shared';
import { isSupervisor, type AuthUser } from '../auth/auth-user.js';
import { ConversationEntity } from '../conversations/conversation.entity.js';
import { canViewConversation } from '../conversations/domain/access.js';
import { CustomerIdentityEntity } from './customer-identity.entity.js';
import { CustomerEntity } from './customer.entity.js';

/** The single customer view: who they are on every channel, what they prefer, every conversation. */
@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly events: EventsService,
  ) {}

  async update(user: AuthUser, id: string, body: UpdateCustomerBody): Promise<CustomerProfile> {
    await this.profile(user, id);
    if (body.tier !== undefined && !isSupervisor(user)) throw new ForbiddenException('Only leads, managers and admins change a customer\'s tier');
    const customer = await this.dataSource.getRepository(CustomerEntity).findOneByOrFail({ id });
    const previousTier = customer.tier;
    if (body.name !== undefined) customer.name = body.name;
    if (body.tier !== undefined) customer.tier = body.tier;
    if (body.preferredLanguage !== undefined) customer.preferredLanguage = body.preferredLanguage;
    if (body.notes !== undefined) customer.notes = body.notes;
    if (body.preferences !== undefined) customer.preferences = body.preferences;
    const tierChanged = customer.tier !== previousTier;
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(CustomerEntity).save(customer);
      if (tierChanged) await this.reprioritize(manager, customer);
    });
    if (tierChanged) await this.events.committed();
    return this.profile(user, id);
  }

  /** A new tier changes where the customer's open conversations stand in the queue, now. */
  private async reprioritize(manager: EntityManager, customer: CustomerEntity): Promise<void> {
    const open = await manager.getRepository(ConversationEntity).find({ where: { customerId: customer.id, status: Not('resolved') } });
    for (const conversation of open) {
      const assessed = assessPriority({ tier: customer.tier, text: conversation.lastMessagePreview ?? '', waitingSince: conversation.waitingSince, slaDeadline: conversation.slaDeadline, now: new Date() });
      await manager.getRepository(ConversationEntity).update({ id: conversation.id }, { priority: assessed.level, priorityScore: assessed.score, prioritySignals: assessed.signals });
      const dto = (await this.conversations.loadDto(conversation.id, manager))!;
      await this.events.append(manager, 'conversation.updated', { conversation: dto }, conversationAudience(dto));
    }
  }

  async profile(user: AuthUser, id: string): Promise<CustomerProfile> {
    const customer = await this.dataSource.getRepository(CustomerEntity).findOneBy({ id });
    if (!customer) throw new NotFoundException('Customer not found');
    const [identities, conversations] = await Promise.all([
      this.dataSource.getRepository(CustomerIdentityEntity).find({ where: { customerId: id }, relations: { channel: true }, order: { createdAt: 'ASC' } }),
      this.dataSource.getRepository(ConversationEntity).find({ where: { customerId: id }, relations: { channel: true }, order: { lastMessageAt: 'DESC' } }),
    ]);
    const visible = conversations.filter((c) => canViewConversation(user, c));
    // An agent may open a customer only through a conversation they can see.
    if (visible.length === 0 && conversations.length > 0) throw new NotFoundException('Customer not found');
    return {
      id: customer.id,
      name: customer.name,
      tier: customer.tier,
      preferredLanguage: customer.preferredLanguage,
      preferences: customer.preferences,
      notes: customer.notes,
      identities: identities.map((i) => ({
        id: i.id,
        channelId: i.channelId,
        channelKind: i.channel.kind,
        externalId: i.externalId,
        handle: i.handle,
        displayName: i.displayName,
      })),
      conversations: visible.map((c) => ({
        id: c.id,
        channelId: c.channelId,
        channelKind: c.channel.kind,
        status: c.status,
        lastMessageAt: c.lastMessageAt.toISOString(),
        lastMessagePreview: c.lastMessagePreview,
      })),
      createdAt: customer.createdAt.toISOString(),
    };
  }
}
