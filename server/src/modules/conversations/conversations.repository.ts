import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Conversation } from '@rapport/shared';
import { ConversationEntity } from './conversation.entity.js';
import { toConversationDto, type LoadedConversation } from './conversation.mapper.js';

/** The conversation's own columns, without its relations. */
export type ConversationChanges = Partial<Omit<ConversationEntity, 'channel' | 'customer' | 'identity' | 'assignee' | 'team'>>;

/** Conversations count against an agent's capacity while they need the agent. */
export const LOAD_STATUSES = ['open', 'pending'] as const;

/** The conversations table, for every module: the API, ingest, routing, customers and outbound. */
@Injectable()
export class ConversationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(ConversationEntity);
  }

  withRelations(manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<ConversationEntity> {
    return this.repo(manager)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.channel', 'ch')
      .innerJoinAndSelect('c.customer', 'cu')
      .innerJoinAndSelect('c.identity', 'ci')
      .leftJoinAndSelect('c.assignee', 'au');
  }

  async loadDto(id: string, manager?: EntityManager): Promise<Conversation | null> {
    const row = await this.withRelations(manager).where('c.id = :id', { id }).getOne();
    return row ? toConversationDto(row as LoadedConversation) : null;
  }

  findById(id: string, manager?: EntityManager): Promise<ConversationEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** Locks the row for the rest of the transaction: changes to one conversation take turns. */
  lockForUpdate(manager: EntityManager, id: string): Promise<ConversationEntity | null> {
    return this.repo(manager).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  /** The unresolved conversation of one customer thread, locked. */
  lockOpenThread(manager: EntityManager, thread: { channelId: string; identityId: string; threadKey: string }): Promise<ConversationEntity | null> {
    return this.repo(manager).createQueryBuilder('c').setLock('pessimistic_write').where({ ...thread, status: Not('resolved') }).getOne();
  }

  create(manager: EntityManager, fields: Partial<ConversationEntity>): Promise<ConversationEntity> {
    return this.repo(manager).save(this.repo(manager).create(fields));
  }

  save(manager: EntityManager, conversation: ConversationEntity): Promise<ConversationEntity> {
    return this.repo(manager).save(conversation);
  }

  async update(manager: EntityManager, id: string, changes: ConversationChanges): Promise<void> {
    await this.repo(manager).update({ id }, changes);
  }

  /**
   * A customer message arrived: applies the changes, and shows its text as the preview unless a message
   * written later (by the platform's clock) is already in the thread — a late delivery keeps the newest.
   */
  async recordInbound(manager: EntityManager, id: string, changes: ConversationChanges, message: { id: string; sentAt: Date; preview: string }): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .update()
      .set({
        ...changes,
        lastMessagePreview: () =>
          'CASE WHEN EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = :id AND m.sent_at > :sentAt AND m.id <> :messageId) THEN last_message_preview ELSE :preview END',
      })
      .where('id = :id')
      .setParameters({ id, sentAt: message.sentAt, messageId: message.id, preview: message.preview })
      .execute();
  }

  /** Open and pending conversations per agent. */
  async loadOf(manager: EntityManager, userIds: string[]): Promise<Map<string, number>> {
    const counts = new Map(userIds.map((id) => [id, 0]));
    if (userIds.length === 0) return counts;
    const rows: Array<{ assignee_id: string; n: string }> = await manager.query(
      'SELECT assignee_id, count(*) AS n FROM conversations WHERE assignee_id = ANY($1) AND status = ANY($2) GROUP BY assignee_id',
      [userIds, LOAD_STATUSES],
    );
    for (const row of rows) counts.set(row.assignee_id, Number(row.n));
    return counts;
  }

  /** Whoever last handled this customer, on any channel. */
  async previousAssignee(manager: EntityManager, customerId: string, excludingId: string): Promise<string | null> {
    const previous = await this.repo(manager)
      .createQueryBuilder('c')
      .select(['c.id', 'c.assigneeId'])
      .where('c.customer_id = :customerId AND c.id <> :excludingId AND c.assignee_id IS NOT NULL', { customerId, excludingId })
      .orderBy('c.last_message_at', 'DESC')
      .getOne();
    return previous?.assigneeId ?? null;
  }

  /** The head of a team's waiting queue (priority, then SLA deadline, then who waited longest), locked; rows other routers hold are skipped. */
  lockNextWaiting(manager: EntityManager, teamId: string): Promise<ConversationEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('c.team_id = :teamId AND c.assignee_id IS NULL AND c.status = :open', { teamId, open: 'open' })
      .orderBy('c.priority_score', 'DESC')
      .addOrderBy('c.sla_deadline', 'ASC', 'NULLS LAST')
      .addOrderBy('c.waiting_since', 'ASC', 'NULLS LAST')
      .addOrderBy('c.created_at', 'ASC')
      .getOne();
  }

  /** An agent's open conversations still waiting for an answer, most urgent first. */
  async unansweredOf(userId: string): Promise<string[]> {
    const rows = await this.repo()
      .createQueryBuilder('c')
      .select('c.id')
      .where('c.assignee_id = :userId AND c.status = :open AND c.waiting_since IS NOT NULL', { userId, open: 'open' })
      .orderBy('c.priority_score', 'DESC')
      .getMany();
    return rows.map((r) => r.id);
  }

  /** Unassigned open conversations per team. */
  async waitingPerTeam(): Promise<Map<string, number>> {
    const rows: Array<{ team_id: string; n: string }> = await this.dataSource.query(
      "SELECT team_id, count(*) AS n FROM conversations WHERE assignee_id IS NULL AND status = 'open' AND team_id IS NOT NULL GROUP BY team_id",
    );
    return new Map(rows.map((r) => [r.team_id, Number(r.n)]));
  }

  unresolvedOfCustomer(manager: EntityManager, customerId: string): Promise<ConversationEntity[]> {
    return this.repo(manager).find({ where: { customerId, status: Not('resolved') } });
  }

  ofCustomer(customerId: string): Promise<ConversationEntity[]> {
    return this.repo().find({ where: { customerId }, relations: { channel: true }, order: { lastMessageAt: 'DESC' } });
  }

  /** Who may see it: assignee and team, nothing else. */
  ownership(id: string): Promise<Pick<ConversationEntity, 'id' | 'assigneeId' | 'teamId'> | null> {
    return this.repo().findOne({ where: { id }, select: { id: true, assigneeId: true, teamId: true } });
  }
}
