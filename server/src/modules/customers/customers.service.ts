import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { CustomerProfile, UpdateCustomerBody } from '@rapport/shared';
import { QueueService } from '../../core/queue.service.js';
import { isSupervisor, type AuthUser } from '../auth/auth-user.js';
import { customerName } from '../conversations/conversation.mapper.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { canViewConversation } from '../conversations/domain/access.js';
import { conversationAudience } from '../events/audience.js';
import { Transactions, type Tx } from '../events/transactions.service.js';
import { assessPriority } from '../triage/priority.js';
import type { CustomerEntity } from './customer.entity.js';
import { CustomersRepository } from './customers.repository.js';

/** The single customer view: who they are on every channel, what they prefer, every conversation. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly customers: CustomersRepository,
    private readonly conversations: ConversationsRepository,
    private readonly transactions: Transactions,
    private readonly queues: QueueService,
  ) {}

  async update(user: AuthUser, id: string, body: UpdateCustomerBody): Promise<CustomerProfile> {
    await this.profile(user, id);
    if (body.tier !== undefined && !isSupervisor(user)) throw new ForbiddenException('Only leads, managers and admins change a customer\'s tier');
    const customer = (await this.customers.findById(id))!;
    const previousTier = customer.tier;
    if (body.name !== undefined) customer.name = body.name;
    if (body.tier !== undefined) customer.tier = body.tier;
    if (body.preferredLanguage !== undefined) customer.preferredLanguage = body.preferredLanguage;
    if (body.notes !== undefined) customer.notes = body.notes;
    if (body.preferences !== undefined) customer.preferences = body.preferences;
    const tierChanged = customer.tier !== previousTier;
    await this.transactions.run(async (tx) => {
      await this.customers.save(tx.manager, customer);
      if (tierChanged) await this.reprioritize(tx, customer);
    });
    return this.profile(user, id);
  }

  /** A new tier changes where the customer's open conversations stand in the queue, now. */
  private async reprioritize(tx: Tx, customer: CustomerEntity): Promise<void> {
    for (const conversation of await this.conversations.unresolvedOfCustomer(tx.manager, customer.id)) {
      const assessed = assessPriority({ tier: customer.tier, text: conversation.lastMessagePreview ?? '', waitingSince: conversation.waitingSince, slaDeadline: conversation.slaDeadline, now: new Date() });
      await this.conversations.update(tx.manager, conversation.id, { priority: assessed.level, priorityScore: assessed.score, prioritySignals: assessed.signals });
      const dto = (await this.conversations.loadDto(conversation.id, tx.manager))!;
      tx.publish('conversation.updated', { conversation: dto }, conversationAudience(dto));
      // A VIP or urgent conversation may have a policy of its own.
      if (assessed.level !== conversation.priority) tx.afterCommit(() => this.queues.addSlaRefresh(conversation.id));
    }
  }

  async profile(user: AuthUser, id: string): Promise<CustomerProfile> {
    const customer = await this.customers.findById(id);
    if (!customer) throw new NotFoundException('Customer not found');
    const [identities, conversations] = await Promise.all([this.customers.identitiesOf(id), this.conversations.ofCustomer(id)]);
    const visible = conversations.filter((c) => canViewConversation(user, c));
    // An agent may open a customer only through a conversation they can see.
    if (visible.length === 0 && conversations.length > 0) throw new NotFoundException('Customer not found');
    return {
      id: customer.id,
      name: identities[0] ? customerName(customer, identities[0]) : (customer.name ?? ''),
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
        avatarUrl: i.avatarUrl,
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
