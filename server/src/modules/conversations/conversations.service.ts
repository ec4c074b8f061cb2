import { BadRequestException, ConflictException, ForbiddenException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Assignment, AssignBody, Conversation, ListConversationsQuery, ListMessagesQuery, Message, Page, SendCheck, SetStatusBody } from '@rapport/shared';
import type { sendMessageBody } from '@rapport/shared';
import { checkReplyLength } from '@rapport/shared';
import { QueueService } from '../../core/queue.service.js';
import { isSupervisor, type AuthUser } from '../auth/auth-user.js';
import { UserEntity } from '../auth/user.entity.js';
import { TeamMemberEntity } from '../auth/team-member.entity.js';
import { conversationAudience } from '../events/audience.js';
import { Transactions } from '../events/transactions.service.js';
import { preview, toConversationDto, toMessageDto, type LoadedConversation } from './conversation.mapper.js';
import { ClockFactsRepository, type RecordedFact } from './clock-facts.repository.js';
import { ConversationSlaService } from '../sla/conversation-sla.service.js';
import { ConversationClocksService } from './conversation-clocks.service.js';
import { ConversationsRepository } from './conversations.repository.js';
import { ConversationSearchService } from './conversation-search.service.js';
import { listConditions } from './conversation-list-filters.js';
import { canAssign, canReplyPublicly } from './domain/access.js';
import { decodeCursor, encodeCursor } from './domain/cursor.js';
import type { MessageEntity } from './message.entity.js';
import { MessagesRepository } from './messages.repository.js';
import { RoutingService } from '../routing/routing.service.js';
import { TeamEntity } from '../auth/team.entity.js';
import { ChannelEntity } from '../channels/channel.entity.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { ConversationStatusService } from './conversation-status.service.js';
import { sendCheck, type Recipient } from './domain/send-check.js';
import { assertCanView } from './conversation-access.js';
import { AuditService } from '../audit/audit.service.js';
import type { RequestOrigin } from '../../common/request-origin.js';

type SendInput = z.output<typeof sendMessageBody>;

/** A reply stops a response clock only when public; answering reopens a pending or snoozed conversation. */
function replyFacts(conversation: { id: string; status: string }, agentId: string, isPrivate: boolean, at: Date): RecordedFact[] {
  if (isPrivate) return [{ conversationId: conversation.id, kind: 'ignored', what: 'note', at }];
  const reopened: RecordedFact[] = conversation.status === 'pending' || conversation.status === 'snoozed' ? [{ conversationId: conversation.id, kind: 'status', status: 'open', at }] : [];
  return [...reopened, { conversationId: conversation.id, kind: 'reply', agentId, at }];
}

/** The agent-facing side of conversations: read, reply, assign, change status. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly repo: ConversationsRepository,
    private readonly messagesRepo: MessagesRepository,
    private readonly transactions: Transactions,
    private readonly queues: QueueService,
    private readonly routing: RoutingService,
    private readonly clockFacts: ClockFactsRepository,
    private readonly clocks: ConversationClocksService,
    private readonly sla: ConversationSlaService,
    private readonly statuses: ConversationStatusService,
    private readonly customers: CustomersRepository,
    private readonly search: ConversationSearchService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: ListConversationsQuery): Promise<Page<Conversation>> {
    if (query.q) return this.search.list(user, { ...query, q: query.q });
    const qb = this.repo.withRelations();
    for (const condition of listConditions(user, query)) qb.andWhere(condition.sql, condition.params);
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      if (!cursor) throw new BadRequestException('cursor is not valid: pass the nextCursor of a previous page');
      qb.andWhere('(c.last_message_at, c.id) < (:at, :cid)', { at: cursor.at, cid: cursor.id });
    }
    const rows = (await qb.orderBy('c.last_message_at', 'DESC').addOrderBy('c.id', 'DESC').take(query.limit + 1).getMany()) as LoadedConversation[];
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toConversationDto),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.lastMessageAt, id: last.id }) : null,
    };
  }

  async get(user: AuthUser, id: string): Promise<Conversation> {
    const conversation = await this.repo.loadDto(id);
    assertCanView(user, conversation);
    return conversation;
  }

  async messages(user: AuthUser, id: string, query: ListMessagesQuery): Promise<{ items: Message[] }> {
    const conversation = await this.get(user, id);
    if (query.before && !(await this.messagesRepo.belongsTo(query.before, id))) throw new BadRequestException('before is not a message of this conversation');
    // Newest page first from the database, returned oldest first for reading.
    const rows = await this.messagesRepo.page(id, query.limit, query.before);
    return { items: rows.reverse().map((m) => toMessageDto(m, conversation.customer.name)) };
  }

  /** Stores an agent reply (or private note) and queues it for its platform. Idempotent per clientId. */
  async reply(user: AuthUser, id: string, body: SendInput): Promise<Message> {
    if (body.clientId) {
      const existing = await this.messagesRepo.byClientId(body.clientId);
      if (existing) return this.replayExisting(user, id, existing);
    }
    const result = await this.transactions.run(async (tx) => {
      const { manager } = tx;
      const conversation = await this.repo.lockForUpdate(manager, id);
      assertCanView(user, conversation);
      if (body.clientId && (await this.messagesRepo.byClientId(body.clientId, manager))) return null;
      if (!body.private && !canReplyPublicly(user, conversation)) {
        throw new ForbiddenException('This conversation is assigned to a colleague: leave a private note or ask a lead to reassign it');
      }
      // The platform's length limit holds for API clients too, not just in the composer.
      if (!body.private) {
        const channel = await manager.getRepository(ChannelEntity).findOne({ select: { id: true, kind: true }, where: { id: conversation.channelId } });
        const tooLong = channel ? checkReplyLength(channel.kind, conversation.isPublic, body.text).reason : null;
        if (tooLong) throw new BadRequestException(tooLong);
      }
      if (body.lastSeenMessageId) await this.assertNothingNewSince(manager, id, body.lastSeenMessageId);
      if (!body.private) {
        const check = sendCheck(await this.recipientOf(conversation, manager), new Date());
        if (!check.allowed) throw new UnprocessableEntityException(check.reasons.join('; '));
      }

      const now = new Date();
      const stored = await this.messagesRepo.insert(manager, {
        conversationId: id,
        channelId: conversation.channelId,
        direction: 'outbound',
        authorType: 'agent',
        authorId: user.id,
        private: body.private,
        text: body.text,
        attachments: [],
        status: body.private ? 'sent' : 'queued',
        clientId: body.clientId ?? null,
        sentAt: now,
      });
      const previousAssignee = conversation.assigneeId;
      await this.clockFacts.record(manager, replyFacts(conversation, user.id, body.private, now));
      if (!body.private) {
        await this.clocks.refresh(tx, conversation);
        await this.messagesRepo.countVolume(manager, now, [{ channelId: conversation.channelId, direction: 'outbound' }]);
        await this.repo.update(manager, id, {
          lastMessageAt: now,
          lastMessagePreview: preview(body.text, []),
          waitingSince: null,
          unreadCount: 0,
          ...(conversation.status !== 'resolved' ? { status: 'open' as const, snoozedUntil: null } : {}),
        });
        // Answering ends a snooze: its timer has nothing left to wake.
        if (conversation.status !== 'resolved') this.statuses.moveSnoozeTimer(tx, id, conversation.snoozedUntil, null);
        // Answering an unassigned conversation claims it, so no colleague answers the same customer.
        if (conversation.assigneeId === null && user.role === 'agent') await this.routing.assign(tx, conversation, user.id, 'manual', user.id);
      }
      const dto = (await this.repo.loadDto(id, manager))!;
      const messageDto = toMessageDto(stored, dto.customer.name);
      const audience = conversationAudience(dto, [previousAssignee]);
      tx.publish('message.created', { conversationId: id, message: messageDto }, audience);
      if (!body.private) tx.publish('conversation.updated', { conversation: dto }, audience);
      if (messageDto.status === 'queued') tx.afterCommit(() => this.queues.addOutbound(messageDto.id));
      return messageDto;
    });
    // The same clientId won a race with this request: answer with that message.
    if (!result) return this.replayExisting(user, id, (await this.messagesRepo.byClientId(body.clientId!))!);
    return result;
  }

  /** An assignment by hand (routing's own go through RoutingService); recorded in the audit log. */
  async assign(user: AuthUser, id: string, body: AssignBody, origin: RequestOrigin | null = null): Promise<Conversation> {
    const result = await this.transactions.run(async (tx) => {
      const { manager } = tx;
      const conversation = await this.repo.lockForUpdate(manager, id);
      assertCanView(user, conversation);
      if (!canAssign(user, conversation, body)) {
        throw new ForbiddenException('Agents may only take an unassigned conversation of their team, for themselves');
      }
      const teamId = body.teamId ?? conversation.teamId;
      if (body.assigneeId) await this.assertAssignable(manager, body.assigneeId, body.teamId);
      if (body.teamId && !(await manager.getRepository(TeamEntity).existsBy({ id: body.teamId }))) throw new BadRequestException('teamId: that team does not exist');
      const previousAssignee = conversation.assigneeId;
      if (previousAssignee === body.assigneeId && teamId === conversation.teamId) return null;
      const teamChanged = teamId !== conversation.teamId;
      conversation.teamId = teamId;
      await this.routing.assign(tx, conversation, body.assigneeId, 'manual', user.id);
      await this.audit.record(
        { action: 'conversation.assigned', actor: user, origin, target: { type: 'conversation', id }, details: { from: previousAssignee, to: body.assigneeId, teamId } },
        manager,
      );
      // Another team: other business hours, perhaps another policy.
      if (teamChanged) await this.sla.refresh(tx, conversation);
      const dto = (await this.repo.loadDto(id, manager))!;
      // The previous owner has room again; a conversation put back in the queue is routed at once.
      if (previousAssignee) tx.afterCommit(() => this.routing.later.drainAgent(previousAssignee));
      if (!dto.assigneeId) tx.afterCommit(() => this.routing.later.route(id));
      return dto;
    });
    return result ?? this.get(user, id);
  }

  /** Leads move many conversations at once; each is checked and recorded like a single assignment. */
  async assignMany(user: AuthUser, body: { ids: string[]; assigneeId?: string | null | undefined; teamId?: string | undefined }, origin: RequestOrigin | null = null): Promise<{ items: Conversation[] }> {
    if (!isSupervisor(user)) throw new ForbiddenException('Bulk assignment is for leads, managers and admins');
    const items: Conversation[] = [];
    for (const id of [...new Set(body.ids)]) {
      const current = await this.get(user, id);
      items.push(await this.assign(user, id, { assigneeId: body.assigneeId === undefined ? (body.teamId ? null : current.assigneeId) : body.assigneeId, ...(body.teamId ? { teamId: body.teamId } : {}) }, origin));
    }
    return { items };
  }

  async assignments(user: AuthUser, id: string): Promise<{ items: Assignment[] }> {
    await this.get(user, id);
    const rows = await this.routing.history(id);
    return {
      items: rows.map((a) => ({ id: a.id, conversationId: a.conversationId, fromUserId: a.fromUserId, toUserId: a.toUserId, teamId: a.teamId, byUserId: a.byUserId, reason: a.reason, createdAt: a.createdAt.toISOString() })),
    };
  }

  async setStatus(user: AuthUser, id: string, body: SetStatusBody): Promise<Conversation> {
    return this.transactions.run(async (tx) => {
      const conversation = await this.repo.lockForUpdate(tx.manager, id);
      assertCanView(user, conversation);
      const snoozeUntil = body.snoozeUntil ? new Date(body.snoozeUntil) : null;
      if (snoozeUntil && snoozeUntil.getTime() <= Date.now()) throw new BadRequestException('snoozeUntil must be in the future');
      return this.statuses.apply(tx, conversation, { status: body.status, snoozeUntil, by: user.id });
    });
  }

  /** Extension: whether a public reply may go out now (doNotContact), and what to mind (contact hours). */
  async sendCheck(user: AuthUser, id: string): Promise<SendCheck> {
    const conversation = await this.repo.findById(id);
    assertCanView(user, conversation);
    return sendCheck(await this.recipientOf(conversation), new Date());
  }

  /** The agent has read the thread: the unread badge clears for everyone. */
  async markRead(user: AuthUser, id: string): Promise<Conversation> {
    const dto = await this.transactions.run(async (tx) => {
      const conversation = await this.repo.lockForUpdate(tx.manager, id);
      assertCanView(user, conversation);
      if (conversation.unreadCount === 0) return null;
      await this.repo.update(tx.manager, id, { unreadCount: 0 });
      const loaded = (await this.repo.loadDto(id, tx.manager))!;
      tx.publish('conversation.updated', { conversation: loaded }, conversationAudience(loaded));
      return loaded;
    });
    return dto ?? this.get(user, id);
  }

  /** Tags are replaced as a whole; triage keeps adding the topics it finds in later messages. */
  async setTags(user: AuthUser, id: string, tags: string[]): Promise<Conversation> {
    const dto = await this.transactions.run(async (tx) => {
      const conversation = await this.repo.lockForUpdate(tx.manager, id);
      assertCanView(user, conversation);
      if (conversation.tags.length === tags.length && conversation.tags.every((t, i) => t === tags[i])) return null;
      await this.repo.update(tx.manager, id, { tags });
      const loaded = (await this.repo.loadDto(id, tx.manager))!;
      tx.publish('conversation.updated', { conversation: loaded }, conversationAudience(loaded));
      return loaded;
    });
    return dto ?? this.get(user, id);
  }

  private async recipientOf(conversation: { customerId: string }, manager?: EntityManager): Promise<Recipient> {
    const customer = await this.customers.findById(conversation.customerId, manager);
    return { name: customer?.name ?? 'the customer', doNotContact: customer?.doNotContact ?? false, timezone: customer?.timezone ?? null, contactHours: customer?.contactHours ?? null };
  }

  private async replayExisting(user: AuthUser, conversationId: string, existing: MessageEntity): Promise<Message> {
    if (existing.conversationId !== conversationId || existing.authorId !== user.id) {
      throw new ConflictException('clientId was already used for another message');
    }
    const conversation = await this.get(user, conversationId);
    return toMessageDto(existing, conversation.customer.name);
  }

  /** 409 when a customer message arrived (whatever its platform time) after the one the agent last saw. */
  private async assertNothingNewSince(manager: EntityManager, conversationId: string, lastSeenMessageId: string): Promise<void> {
    if (!(await this.messagesRepo.belongsTo(lastSeenMessageId, conversationId, manager))) throw new BadRequestException('lastSeenMessageId is not a message of this conversation');
    const newer = await this.messagesRepo.inboundArrivedAfter(manager, conversationId, lastSeenMessageId);
    if (newer > 0) throw new ConflictException(`The customer wrote ${newer} new message${newer > 1 ? 's' : ''} since you last looked: read before replying`);
  }

  private async assertAssignable(manager: EntityManager, userId: string, teamId: string | undefined): Promise<void> {
    const assignee = await manager.getRepository(UserEntity).findOneBy({ id: userId });
    if (!assignee) throw new BadRequestException('assigneeId is not a user');
    if (!assignee.active) throw new BadRequestException('That user is deactivated: assign the conversation to someone else');
    if (assignee.role === 'manager' || assignee.role === 'admin') throw new BadRequestException('Conversations go to agents and leads');
    if (teamId && !(await manager.getRepository(TeamMemberEntity).existsBy({ teamId, userId }))) {
      throw new BadRequestException('The assignee is not a member of that team');
    }
  }
}

