import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { QueueService } from '../../core/queue.service.js';
import { TeamMemberEntity } from '../auth/team-member.entity.js';
import { TeamEntity } from '../auth/team.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { ConversationEntity } from '../conversations/conversation.entity.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { CustomerEntity } from '../customers/customer.entity.js';
import { conversationAudience } from '../realtime/audience.js';
import { EventRelay } from '../realtime/event-relay.service.js';
import { EventsService } from '../realtime/events.service.js';
import { PresenceService } from '../realtime/presence.service.js';
import { AssignmentEntity, type AssignmentReason } from './assignment.entity.js';
import { chooseAgent, type AgentCandidate } from './domain/choose-agent.js';

/** Conversations count against capacity while they need the agent. */
export const LOAD_STATUSES = ['open', 'pending'] as const;
const MAX_DRAIN = 200;

export type RouteOutcome = 'assigned' | 'waiting' | 'not-routable';

/**
 * Applies the routing decision. Every decision for a team runs under that team's row lock, and the chosen
 * agent's row is locked and their load recounted before the assignment: with any number of workers and
 * server processes, no conversation goes to two agents and no agent goes over capacity.
 */
@Injectable()
export class RoutingService {
  private readonly logger = new Logger(RoutingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly events: EventsService,
    private readonly presence: PresenceService,
    private readonly relay: EventRelay,
    private readonly queues: QueueService,
  ) {}

  /**
   * Routes one open, unassigned conversation — or, with `from`, moves one away from that agent (reason
   * says why), back to the team's queue when no one else can take it.
   */
  async route(conversationId: string, move?: { from: string; reason: AssignmentReason }): Promise<RouteOutcome> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const conversation = await this.conversations.lockForUpdate(manager, conversationId);
      if (!conversation?.teamId || conversation.status !== 'open') return 'not-routable';
      if (move ? conversation.assigneeId !== move.from : conversation.assigneeId !== null) return 'not-routable';
      const team = await this.lockTeam(manager, conversation.teamId);
      if (!team) return 'not-routable';
      return this.assignBest(manager, team, conversation, move);
    });
    if (outcome !== 'not-routable') await this.events.committed();
    return outcome;
  }

  /** Hands out the team's waiting conversations, most urgent first, while someone can take them. */
  async drainTeam(teamId: string): Promise<number> {
    let assigned = 0;
    for (let i = 0; i < MAX_DRAIN; i++) {
      const outcome = await this.dataSource.transaction(async (manager) => {
        const team = await this.lockTeam(manager, teamId);
        if (!team || team.strategy === 'manual') return 'waiting';
        const next = await this.nextWaiting(manager, teamId);
        return next ? this.assignBest(manager, team, next) : 'waiting';
      });
      if (outcome !== 'assigned') break;
      assigned++;
      await this.events.committed();
    }
    return assigned;
  }

  /** An agent has room again (online, resolved something, capacity raised): serve each of their teams. */
  async drainForAgent(userId: string): Promise<void> {
    const teams = await this.dataSource.getRepository(TeamMemberEntity).find({ where: { userId }, select: { teamId: true } });
    for (const { teamId } of teams) await this.drainTeam(teamId);
  }

  /** After the grace period: the agent is gone, their unanswered conversations go to colleagues. */
  async agentWentOffline(userId: string, since: number): Promise<void> {
    if (!(await this.presence.stillOfflineSince(userId, since))) return;
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    const teamIds = (await this.dataSource.getRepository(TeamMemberEntity).find({ where: { userId }, select: { teamId: true } })).map((m) => m.teamId);
    await this.relay.announcePresence(userId, teamIds, 'offline');
    if (!user) return;
    const unanswered = await this.dataSource
      .getRepository(ConversationEntity)
      .createQueryBuilder('c')
      .select('c.id')
      .where('c.assignee_id = :userId AND c.status = :open AND c.waiting_since IS NOT NULL', { userId, open: 'open' })
      .orderBy('c.priority_score', 'DESC')
      .getMany();
    for (const { id } of unanswered) await this.route(id, { from: userId, reason: 'offline' });
    this.logger.log(`${user.name} went offline: ${unanswered.length} unanswered conversation(s) re-routed`);
  }

  private lockTeam(manager: EntityManager, teamId: string): Promise<TeamEntity | null> {
    return manager.getRepository(TeamEntity).createQueryBuilder('t').setLock('pessimistic_write').where('t.id = :teamId', { teamId }).getOne();
  }

  /** The waiting queue's head: priority, then SLA deadline, then who waited longest. */
  private nextWaiting(manager: EntityManager, teamId: string): Promise<ConversationEntity | null> {
    return manager
      .getRepository(ConversationEntity)
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

  private async assignBest(manager: EntityManager, team: TeamEntity, conversation: ConversationEntity, move?: { from: string; reason: AssignmentReason }): Promise<RouteOutcome> {
    if (team.strategy === 'manual' && !move) return 'waiting';
    let candidates = await this.candidates(manager, team, move?.from);
    const customer = await manager.getRepository(CustomerEntity).findOneBy({ id: conversation.customerId });
    const request = {
      strategy: team.strategy,
      language: customer?.preferredLanguage ?? conversation.language,
      tags: conversation.tags,
      stickyAgentId: await this.previousAgent(manager, conversation),
      lastAgentId: team.lastAgentId,
    };
    for (;;) {
      const choice = team.strategy === 'manual' ? null : chooseAgent(request, candidates);
      if (!choice) {
        if (move) await this.assign(manager, conversation, null, move.reason, team);
        return 'waiting';
      }
      // Another team's router may have just filled this agent up: lock them and count again.
      await manager.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [choice.agentId]);
      const chosen = candidates.find((c) => c.id === choice.agentId)!;
      if ((await this.openCount(manager, [choice.agentId])).get(choice.agentId)! >= chosen.capacity) {
        candidates = candidates.filter((c) => c.id !== choice.agentId);
        continue;
      }
      const reason: AssignmentReason = choice.reason === 'sticky' ? 'sticky' : (move?.reason ?? 'auto');
      await this.assign(manager, conversation, choice.agentId, reason, team);
      return 'assigned';
    }
  }

  private async candidates(manager: EntityManager, team: TeamEntity, excluding?: string): Promise<AgentCandidate[]> {
    const members = await manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(TeamMemberEntity, 'm', 'm.user_id = u.id AND m.team_id = :teamId', { teamId: team.id })
      .where("u.role IN ('agent', 'lead') AND u.auto_assign = true")
      .getMany();
    const eligible = members.filter((m) => m.id !== excluding);
    const ids = eligible.map((m) => m.id);
    const [presence, load] = await Promise.all([this.presence.statusOf(ids), this.openCount(manager, ids)]);
    return eligible.map((m) => ({
      id: m.id,
      presence: presence.get(m.id) ?? 'offline',
      autoAssign: m.autoAssign,
      openCount: load.get(m.id) ?? 0,
      capacity: m.capacity ?? team.defaultCapacity,
      skills: m.skills,
      languages: m.languages,
      lastAssignedAt: m.lastAssignedAt,
    }));
  }

  async openCount(manager: EntityManager, userIds: string[]): Promise<Map<string, number>> {
    const counts = new Map(userIds.map((id) => [id, 0]));
    if (userIds.length === 0) return counts;
    const rows: Array<{ assignee_id: string; n: string }> = await manager.query(
      'SELECT assignee_id, count(*) AS n FROM conversations WHERE assignee_id = ANY($1) AND status = ANY($2) GROUP BY assignee_id',
      [userIds, LOAD_STATUSES],
    );
    for (const row of rows) counts.set(row.assignee_id, Number(row.n));
    return counts;
  }

  /** Whoever last handled this customer, on any channel: a returning customer goes back to them. */
  private async previousAgent(manager: EntityManager, conversation: ConversationEntity): Promise<string | null> {
    const previous = await manager
      .getRepository(ConversationEntity)
      .createQueryBuilder('c')
      .select(['c.id', 'c.assigneeId'])
      .where('c.customer_id = :customerId AND c.id <> :id AND c.assignee_id IS NOT NULL', { customerId: conversation.customerId, id: conversation.id })
      .orderBy('c.last_message_at', 'DESC')
      .getOne();
    return previous?.assigneeId ?? null;
  }

  /** Changes the owner, keeps the history, and tells old and new owner (and the team). */
  async assign(manager: EntityManager, conversation: ConversationEntity, toUserId: string | null, reason: AssignmentReason, team: TeamEntity | null, byUserId: string | null = null): Promise<void> {
    const fromUserId = conversation.assigneeId;
    conversation.assigneeId = toUserId;
    await manager.getRepository(ConversationEntity).update({ id: conversation.id }, { assigneeId: toUserId, teamId: conversation.teamId });
    await manager.getRepository(AssignmentEntity).insert({ conversationId: conversation.id, fromUserId, toUserId, teamId: conversation.teamId, byUserId, reason });
    if (toUserId && !byUserId) {
      await manager.getRepository(UserEntity).update({ id: toUserId }, { lastAssignedAt: new Date() });
      if (team) await manager.getRepository(TeamEntity).update({ id: team.id }, { lastAgentId: toUserId });
    }
    const dto = (await this.conversations.loadDto(conversation.id, manager))!;
    await this.events.append(manager, 'conversation.assigned', { conversation: dto, previousAssigneeId: fromUserId, assigneeId: toUserId, byUserId }, conversationAudience(dto, [fromUserId], true));
  }

  /** Queues routing work for the workers (used by services that must not wait for it). */
  later = {
    route: (conversationId: string) => this.queues.addRouting({ type: 'route', conversationId }),
    drainAgent: (userId: string) => this.queues.addRouting({ type: 'drain-agent', userId }),
    drainTeam: (teamId: string) => this.queues.addRouting({ type: 'drain-team', teamId }),
  };
}
