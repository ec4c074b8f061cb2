import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { QueueService } from '../../core/queue.service.js';
import { TeamMemberEntity } from '../auth/team-member.entity.js';
import { TeamEntity } from '../auth/team.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import type { ConversationEntity } from '../conversations/conversation.entity.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { conversationAudience } from '../events/audience.js';
import { EphemeralEvents } from '../events/ephemeral-events.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { Transactions, type Tx } from '../events/transactions.service.js';
import { PresenceService } from '../realtime/presence.service.js';
import { AssignmentEntity, type AssignmentReason } from './assignment.entity.js';
import { lastAssigned, rankAgents, type AgentCandidate, type RoutingRequest } from './domain/choose-agent.js';

const MAX_DRAIN = 200;
/** Bounds the tries when other routers keep taking the best agents first (each try makes one count exact). */
const MAX_CHOICES = 50;

export type RouteOutcome = 'assigned' | 'waiting' | 'not-routable';

interface TeamView {
  team: TeamEntity;
  /** Opted-in members with presence, read before the transaction (Redis is never asked under a lock). */
  members: AgentCandidate[];
}

/**
 * Applies the routing decision without serializing a team: each decision locks only the conversation and
 * the one agent it gives it to (`SKIP LOCKED`, so routers running at once take different agents), then
 * recounts that agent's load. With any number of workers and server processes, no conversation goes to
 * two agents and no agent goes over capacity.
 */
@Injectable()
export class RoutingService {
  private readonly logger = new Logger(RoutingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly customers: CustomersRepository,
    private readonly transactions: Transactions,
    private readonly presence: PresenceService,
    private readonly ephemeral: EphemeralEvents,
    private readonly queues: QueueService,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Routes one open, unassigned conversation — or, with `from`, moves one away from that agent (reason
   * says why), back to the team's queue when no one else can take it.
   */
  async route(conversationId: string, move?: { from: string; reason: AssignmentReason }): Promise<RouteOutcome> {
    const current = await this.conversations.findById(conversationId);
    if (!current?.teamId || current.status !== 'open') return 'not-routable';
    const view = await this.teamView(current.teamId, move?.from);
    if (!view) return 'not-routable';
    return this.transactions.run(async (tx) => {
      const conversation = await this.conversations.lockForUpdate(tx.manager, conversationId);
      if (!conversation || conversation.status !== 'open' || conversation.teamId !== view.team.id) return 'not-routable';
      if (move ? conversation.assigneeId !== move.from : conversation.assigneeId !== null) return 'not-routable';
      return this.assignBest(tx, view, conversation, move);
    });
  }

  /** Hands out the team's waiting conversations, most urgent first, while someone can take them. */
  async drainTeam(teamId: string): Promise<number> {
    let assigned = 0;
    for (let i = 0; i < MAX_DRAIN; i++) {
      const view = await this.teamView(teamId);
      if (!view || view.team.strategy === 'manual' || !view.members.some((m) => m.presence === 'online')) break;
      const outcome = await this.transactions.run(async (tx) => {
        const next = await this.conversations.lockNextWaiting(tx.manager, teamId);
        return next ? this.assignBest(tx, view, next) : 'waiting';
      });
      if (outcome !== 'assigned') break;
      assigned++;
    }
    return assigned;
  }

  /** An agent has room again (online, resolved something, capacity raised): serve each of their teams. */
  async drainForAgent(userId: string): Promise<void> {
    for (const teamId of await this.teamsOf(userId)) await this.drainTeam(teamId);
  }

  /** After the grace period: the agent is gone, their unanswered conversations go to colleagues. */
  async agentWentOffline(userId: string, since: number): Promise<void> {
    if (!(await this.presence.stillOfflineSince(userId, since))) return;
    await this.handBack(userId, 'went offline', () => this.conversations.unansweredOf(userId));
  }

  /** Deactivated: gone for good, so every open conversation of theirs goes to colleagues, answered or not. */
  async agentDeactivated(userId: string): Promise<void> {
    await this.handBack(userId, 'was deactivated', () => this.conversations.openOf(userId));
  }

  /** The agent shows offline; these conversations of theirs go to colleagues, or back to the queue. */
  private async handBack(userId: string, what: string, conversationIds: () => Promise<string[]>): Promise<void> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    await this.ephemeral.announcePresence(userId, await this.teamsOf(userId), 'offline');
    if (!user) return;
    const ids = await conversationIds();
    for (const id of ids) await this.route(id, { from: userId, reason: 'offline' });
    this.logger.log(`${user.name} ${what}: ${ids.length} conversation(s) re-routed`);
  }

  /** Open and pending conversations per agent. */
  loadOf(userIds: string[]): Promise<Map<string, number>> {
    return this.conversations.loadOf(this.dataSource.manager, userIds);
  }

  private async teamsOf(userId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(TeamMemberEntity).find({ where: { userId }, select: { teamId: true } });
    return rows.map((m) => m.teamId);
  }

  private async teamView(teamId: string, excluding?: string): Promise<TeamView | null> {
    const team = await this.dataSource.getRepository(TeamEntity).findOneBy({ id: teamId });
    if (!team) return null;
    const members = (
      await this.dataSource
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .innerJoin(TeamMemberEntity, 'm', 'm.user_id = u.id AND m.team_id = :teamId', { teamId })
        .where("u.role IN ('agent', 'lead') AND u.auto_assign = true AND u.active = true")
        .getMany()
    ).filter((m) => m.id !== excluding);
    const presence = await this.presence.statusOf(members.map((m) => m.id));
    return {
      team,
      members: members.map((m) => ({
        id: m.id,
        presence: presence.get(m.id) ?? 'offline',
        autoAssign: m.autoAssign,
        openCount: 0,
        capacity: m.capacity ?? team.defaultCapacity,
        skills: m.skills,
        languages: m.languages,
        lastAssignedAt: m.lastAssignedAt,
      })),
    };
  }

  private async assignBest(tx: Tx, view: TeamView, conversation: ConversationEntity, move?: { from: string; reason: AssignmentReason }): Promise<RouteOutcome> {
    const { team } = view;
    const backToQueue = async (): Promise<RouteOutcome> => {
      // An SLA breach with no colleague free leaves the conversation with the one who has it, rather than nobody.
      if (move && move.reason !== 'sla') await this.assign(tx, conversation, null, move.reason);
      return 'waiting';
    };
    if (team.strategy === 'manual') return backToQueue();
    const { manager } = tx;
    const online = view.members.filter((m) => m.presence === 'online');
    const load = await this.conversations.loadOf(manager, online.map((m) => m.id));
    const candidates = view.members.map((m) => ({ ...m, openCount: load.get(m.id) ?? 0 }));
    const customer = await this.customers.findById(conversation.customerId, manager);
    const request: RoutingRequest = {
      strategy: team.strategy,
      language: customer?.preferredLanguage ?? conversation.language,
      tags: conversation.tags,
      stickyAgentId: await this.conversations.previousAssignee(manager, conversation.customerId, conversation.id),
      lastAgentId: lastAssigned(view.members),
    };
    // Agents another router is assigning to right now: passed over rather than waited for.
    const busy = new Set<string>();
    for (let i = 0; i < MAX_CHOICES; i++) {
      const ranked = rankAgents(request, candidates).filter((c) => !busy.has(c.agentId));
      if (ranked.length === 0) break;
      const ids = ranked.map((c) => c.agentId);
      let lockedId = await this.lockFirstFree(manager, ids);
      if (lockedId) for (const id of ids.slice(0, ids.indexOf(lockedId))) busy.add(id);
      else {
        // Everyone who fits is being assigned something this instant: wait for the best of them.
        lockedId = ids[0]!;
        await manager.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [lockedId]);
      }
      // Locked, so every earlier assignment to this agent has committed: this count is exact.
      const agent = candidates.find((c) => c.id === lockedId)!;
      agent.openCount = (await this.conversations.loadOf(manager, [lockedId])).get(lockedId)!;
      const choice = rankAgents(request, candidates).find((c) => !busy.has(c.agentId));
      if (choice?.agentId !== lockedId) continue;
      await this.assign(tx, conversation, lockedId, choice.reason === 'sticky' ? 'sticky' : (move?.reason ?? 'auto'));
      return 'assigned';
    }
    return backToQueue();
  }

  /** Locks the first of these agents that no other transaction holds, in the given order. */
  private async lockFirstFree(manager: EntityManager, ids: string[]): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query('SELECT id FROM users WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id) LIMIT 1 FOR UPDATE SKIP LOCKED', [ids]);
    return rows[0]?.id ?? null;
  }

  /** Changes the owner, keeps the history, and tells old and new owner (and the team). */
  async assign(tx: Tx, conversation: ConversationEntity, toUserId: string | null, reason: AssignmentReason, byUserId: string | null = null): Promise<void> {
    const { manager } = tx;
    const fromUserId = conversation.assigneeId;
    conversation.assigneeId = toUserId;
    await this.conversations.update(manager, conversation.id, { assigneeId: toUserId, teamId: conversation.teamId });
    await manager.getRepository(AssignmentEntity).insert({ conversationId: conversation.id, fromUserId, toUserId, teamId: conversation.teamId, byUserId, reason });
    if (toUserId && !byUserId) await manager.getRepository(UserEntity).update({ id: toUserId }, { lastAssignedAt: new Date() });
    if (toUserId && !byUserId && !fromUserId) {
      // Observed after the commit, so a transaction retried after a deadlock counts once.
      const waitedMs = Date.now() - (conversation.waitingSince ?? conversation.createdAt).getTime();
      tx.afterCommit(async () => this.metrics.assignmentLatency.observe(Math.max(0, waitedMs) / 1000));
    }
    const dto = (await this.conversations.loadDto(conversation.id, manager))!;
    tx.publish('conversation.assigned', { conversation: dto, previousAssigneeId: fromUserId, assigneeId: toUserId, byUserId }, conversationAudience(dto, [fromUserId], true));
  }

  /** Every change of owner of one conversation, oldest first. */
  history(conversationId: string): Promise<AssignmentEntity[]> {
    return this.dataSource.getRepository(AssignmentEntity).find({ where: { conversationId }, order: { createdAt: 'ASC' } });
  }

  /** Queues routing work for the workers (used by services that must not wait for it). */
  later = {
    route: (conversationId: string) => this.queues.addRouting({ type: 'route', conversationId }),
    drainAgent: (userId: string) => this.queues.addRouting({ type: 'drain-agent', userId }),
    drainTeam: (teamId: string) => this.queues.addRouting({ type: 'drain-team', teamId }),
  };
}
