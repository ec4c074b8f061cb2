import { randomUUID } from 'node:crypto';
import { BadRequestException, ForbiddenException, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { z } from 'zod';
import type { Conversation, FollowUp, ListFollowUpsQuery, Page, createFollowUpBody } from '@rapport/shared';
import { isUuid } from '../../common/uuid.pipe.js';
import { QueueService } from '../../core/queue.service.js';
import { isSupervisor, type AuthUser } from '../auth/auth-user.js';
import { ConversationStatusService } from '../conversations/conversation-status.service.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { canViewConversation } from '../conversations/domain/access.js';
import { decodeCursor, encodeCursor } from '../conversations/domain/cursor.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { Transactions } from '../events/transactions.service.js';
import type { ContactProfile } from './domain/contact-hours.js';
import { actionAtDue, followUpDueAt } from './domain/follow-up-rules.js';
import type { FollowUpEntity } from './follow-up.entity.js';
import { FollowUpsRepository, type FollowUpScope } from './follow-ups.repository.js';
import { assertCanView } from '../conversations/conversation-access.js';

type CreateInput = z.output<typeof createFollowUpBody>;

function toDto(f: FollowUpEntity, c: Conversation): FollowUp {
  return {
    id: f.id,
    conversationId: f.conversationId,
    note: f.note,
    dueAt: f.dueAt.toISOString(),
    inCustomerHours: f.inCustomerHours,
    status: f.status,
    createdById: f.createdById,
    createdAt: f.createdAt.toISOString(),
    firedAt: f.firedAt?.toISOString() ?? null,
    conversation: {
      id: c.id,
      status: c.status,
      assigneeId: c.assigneeId,
      teamId: c.teamId,
      channelKind: c.channelKind,
      lastMessageAt: c.lastMessageAt,
      lastMessagePreview: c.lastMessagePreview,
      customer: c.customer,
    },
  };
}

/**
 * Follow-ups: reminders to get back to a customer, at a time or at the start of their contact hours. Each
 * has one delayed job; when it fires the conversation reopens (if it was pending, snoozed or resolved),
 * moves to the top of its assignee's inbox, and `followup.due` reaches the assignee, its author and
 * supervisors. A customer marked doNotContact may still get follow-ups: they remind agents, nobody writes.
 */
@Injectable()
export class FollowUpsService {
  private readonly logger = new Logger(FollowUpsService.name);

  constructor(
    private readonly repo: FollowUpsRepository,
    private readonly conversations: ConversationsRepository,
    private readonly customers: CustomersRepository,
    private readonly statuses: ConversationStatusService,
    private readonly transactions: Transactions,
    private readonly queues: QueueService,
  ) {}

  async create(user: AuthUser, conversationId: string, body: CreateInput): Promise<FollowUp> {
    const conversation = await this.conversations.loadDto(conversationId);
    assertCanView(user, conversation);
    const decision = followUpDueAt({ dueAt: body.dueAt ? new Date(body.dueAt) : undefined, inCustomerHours: body.inCustomerHours }, await this.contactProfile(conversation.customerId), new Date());
    if (!decision.ok) throw new BadRequestException(decision.reason);
    const fields = { id: randomUUID(), conversationId, createdById: user.id, note: body.note, dueAt: decision.dueAt, inCustomerHours: body.inCustomerHours, status: 'scheduled' as const };
    const stored = await this.transactions.run((tx) => this.repo.insert(tx.manager, fields));
    try {
      await this.queues.scheduleFollowUp(stored.id, stored.dueAt);
    } catch (err) {
      // A follow-up without its timer would never fire: it is called off rather than left silent.
      this.logger.warn(`follow-up ${stored.id}: timer not scheduled: ${String(err)}`);
      await this.transactions.run((tx) => this.repo.update(tx.manager, stored.id, { status: 'cancelled', cancelledAt: new Date() }));
      throw new ServiceUnavailableException('The reminder could not be scheduled: try again in a moment');
    }
    return toDto(stored, conversation);
  }

  async list(user: AuthUser, query: ListFollowUpsQuery): Promise<Page<FollowUp>> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    if (query.cursor && !after) throw new BadRequestException('cursor is not valid: pass the nextCursor of a previous page');
    const rows = await this.repo.page(await this.scopeOf(user, query), query.limit + 1, after);
    const page = rows.slice(0, query.limit);
    const dtos = await this.conversations.loadDtos([...new Set(page.map((f) => f.conversationId))]);
    const last = page.at(-1);
    return {
      items: page.flatMap((f) => {
        const conversation = dtos.get(f.conversationId);
        return conversation && canViewConversation(user, conversation) ? [toDto(f, conversation)] : [];
      }),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.dueAt, id: last.id }) : null,
    };
  }

  /** Calls off a scheduled follow-up (its timer goes), or dismisses one that came due; again is a no-op. */
  async cancel(user: AuthUser, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const followUp = await this.repo.lockForUpdate(tx.manager, id);
      const conversation = followUp ? await this.conversations.ownership(followUp.conversationId) : null;
      if (!followUp || !conversation) throw new NotFoundException('Follow-up not found');
      assertCanView(user, conversation);
      if (followUp.status === 'cancelled') return;
      await this.repo.update(tx.manager, id, { status: 'cancelled', cancelledAt: new Date() });
      if (followUp.status === 'scheduled') tx.afterCommit(() => this.queues.cancelFollowUp(id));
    });
  }

  /**
   * The timer fired. A follow-up that is no longer scheduled (cancelled, or fired already) does nothing,
   * so a timer that fires twice reopens and notifies once.
   */
  async fire(followUpId: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const followUp = await this.repo.lockForUpdate(tx.manager, followUpId);
      if (!followUp || followUp.status !== 'scheduled') return false;
      const conversation = await this.conversations.lockForUpdate(tx.manager, followUp.conversationId);
      if (!conversation) return false;
      const now = new Date();
      const threadOpen = conversation.status === 'resolved' && (await this.conversations.lockOpenThreads(tx.manager, [conversation])).length > 0;
      const action = actionAtDue(conversation.status, threadOpen);
      // Activity now puts it at the top of the inbox, which is ordered by it.
      const dto =
        action === 'notify'
          ? (await this.conversations.loadDto(conversation.id, tx.manager))!
          : await this.statuses.apply(tx, conversation, { status: 'open', by: null, also: { lastMessageAt: now } });
      await this.repo.update(tx.manager, followUp.id, { status: 'due', firedAt: now });
      const userIds = [...new Set([dto.assigneeId, followUp.createdById].filter((u): u is string => u !== null))];
      tx.publish(
        'followup.due',
        { conversationId: dto.id, followUpId: followUp.id, note: followUp.note, dueAt: followUp.dueAt.toISOString(), assigneeId: dto.assigneeId, createdById: followUp.createdById },
        { userIds, teamIds: dto.assigneeId === null && dto.teamId ? [dto.teamId] : [], leadTeamIds: [] },
      );
      return true;
    });
  }

  private async scopeOf(user: AuthUser, query: ListFollowUpsQuery): Promise<FollowUpScope> {
    if (query.conversationId) {
      const conversation = await this.conversations.ownership(query.conversationId);
      assertCanView(user, conversation);
      return { conversationId: query.conversationId };
    }
    if (query.assignee === 'me') return { userId: user.id };
    if (query.assignee === 'all') {
      if (!isSupervisor(user)) throw new ForbiddenException('Only leads, managers and admins list everyone’s follow-ups');
      return { userId: null };
    }
    if (!isUuid(query.assignee)) throw new BadRequestException('assignee must be "me", "all" or a user id');
    if (query.assignee !== user.id && !isSupervisor(user)) throw new ForbiddenException('Agents list their own follow-ups');
    return { userId: query.assignee };
  }

  private async contactProfile(customerId: string): Promise<ContactProfile> {
    const customer = await this.customers.findById(customerId);
    return { timezone: customer?.timezone ?? null, contactHours: customer?.contactHours ?? null };
  }
}
