import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Conversation } from '@rapport/shared';
import { ConversationEntity } from './conversation.entity.js';
import { toConversationDto, type LoadedConversation } from './conversation.mapper.js';

/** The conversation's own columns, without its relations. */
export type ConversationChanges = Partial<Omit<ConversationEntity, 'channel' | 'customer' | 'identity' | 'assignee' | 'team'>>;

/** One customer thread on one channel: it has at most one unresolved conversation. */
export interface Thread {
  channelId: string;
  identityId: string;
  threadKey: string;
}

/** A conversation's state after new customer messages, and the newest of them (by the platform's clock). */
export interface InboundArrival {
  conversation: Pick<
    ConversationEntity,
    'id' | 'status' | 'snoozedUntil' | 'lastMessageAt' | 'unreadCount' | 'waitingSince' | 'language' | 'tags' | 'priority' | 'priorityScore' | 'prioritySignals'
  >;
  newest: { id: string; sentAt: Date; preview: string };
}

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

  async loadDtos(ids: string[], manager?: EntityManager): Promise<Map<string, Conversation>> {
    const rows = ids.length === 0 ? [] : await this.withRelations(manager).where('c.id IN (:...ids)', { ids }).getMany();
    return new Map(rows.map((row) => [row.id, toConversationDto(row as LoadedConversation)]));
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

  /** The unresolved conversations of customer threads, locked in one order (id) so that batches cannot deadlock. */
  lockOpenThreads(manager: EntityManager, threads: Thread[]): Promise<ConversationEntity[]> {
    if (threads.length === 0) return Promise.resolve([]);
    return this.repo(manager)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where("c.status <> 'resolved'")
      .andWhere('(c.channel_id, c.identity_id, c.thread_key) IN (SELECT * FROM unnest(CAST(:channelIds AS uuid[]), CAST(:identityIds AS uuid[]), CAST(:threadKeys AS text[])))', {
        channelIds: threads.map((t) => t.channelId),
        identityIds: threads.map((t) => t.identityId),
        threadKeys: threads.map((t) => t.threadKey),
      })
      .orderBy('c.id')
      .getMany();
  }

  /** Creates conversations whose ids the caller chose. */
  async insertMany(manager: EntityManager, rows: Array<ConversationChanges & { id: string }>): Promise<void> {
    if (rows.length > 0) await this.repo(manager).insert(rows);
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
   * Customer messages arrived, in one statement for many conversations: applies each one's new state, and
   * shows the newest message's text as the preview unless a message written later (by the platform's
   * clock) is already in the thread — a late delivery keeps the newest.
   */
  async recordInbound(manager: EntityManager, arrivals: InboundArrival[]): Promise<void> {
    if (arrivals.length === 0) return;
    await manager.query(
      `UPDATE conversations c SET
         status = v.status,
         snoozed_until = v.snoozed_until,
         last_message_at = v.last_message_at,
         unread_count = v.unread_count,
         waiting_since = v.waiting_since,
         language = v.language,
         tags = v.tags,
         priority = v.priority,
         priority_score = v.priority_score,
         priority_signals = v.priority_signals,
         last_message_preview = CASE
           WHEN EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.sent_at > v.sent_at AND m.id <> v.message_id) THEN c.last_message_preview
           ELSE v.preview END,
         updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS v(
         id uuid, status varchar, snoozed_until timestamptz, last_message_at timestamptz, unread_count int, waiting_since timestamptz,
         language varchar, tags varchar[], priority varchar, priority_score int, priority_signals varchar[],
         message_id uuid, sent_at timestamptz, preview varchar)
       WHERE c.id = v.id`,
      [
        JSON.stringify(
          arrivals.map(({ conversation: c, newest }) => ({
            id: c.id,
            status: c.status,
            snoozed_until: c.snoozedUntil,
            last_message_at: c.lastMessageAt,
            unread_count: c.unreadCount,
            waiting_since: c.waitingSince,
            language: c.language,
            tags: c.tags,
            priority: c.priority,
            priority_score: c.priorityScore,
            priority_signals: c.prioritySignals,
            message_id: newest.id,
            sent_at: newest.sentAt,
            preview: newest.preview,
          })),
        ),
      ],
    );
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

  /** Every open conversation assigned to this user, most urgent first. */
  async openOf(userId: string): Promise<string[]> {
    const rows = await this.repo().createQueryBuilder('c').select('c.id').where('c.assignee_id = :userId AND c.status = :open', { userId, open: 'open' }).orderBy('c.priority_score', 'DESC').getMany();
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

  // ---- customers merged and split: their conversations follow them ----

  /** Moves a customer's conversations (only those of some identities, when given) to another; the ids moved. */
  async moveToCustomer(manager: EntityManager, fromCustomerId: string, toCustomerId: string, identityIds?: string[]): Promise<string[]> {
    const rows: [Array<{ id: string }>, number] = await manager.query(
      `UPDATE conversations SET customer_id = $2, updated_at = now()
       WHERE customer_id = $1 AND ($3::uuid[] IS NULL OR identity_id = ANY($3::uuid[])) RETURNING id`,
      [fromCustomerId, toCustomerId, identityIds ?? null],
    );
    return rows[0].map((r) => r.id);
  }

  /** Per customer: how many conversations they have, and how many of them this agent may see. */
  async visibilityOf(customerIds: string[], agent: { id: string; teamIds: string[] }): Promise<Map<string, { total: number; visible: number }>> {
    if (customerIds.length === 0) return new Map();
    const rows: Array<{ customer_id: string; total: number; visible: number }> = await this.dataSource.query(
      `SELECT customer_id, count(*)::int AS total, (count(*) FILTER (WHERE assignee_id = $2 OR team_id = ANY($3::uuid[])))::int AS visible
       FROM conversations WHERE customer_id = ANY($1::uuid[]) GROUP BY customer_id`,
      [customerIds, agent.id, agent.teamIds],
    );
    return new Map(rows.map((r) => [r.customer_id, { total: r.total, visible: r.visible }]));
  }
}
