import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SlaMetric } from '@rapport/shared';
import { TeamEntity } from '../auth/team.entity.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { conversationAudience } from '../events/audience.js';
import { Transactions } from '../events/transactions.service.js';
import { RoutingService } from '../routing/routing.service.js';
import { breachableDue, ConversationSlaService } from './conversation-sla.service.js';
import { SlaBreachesRepository } from './sla-breaches.repository.js';

/** A timer that fires a moment early still counts: BullMQ promotes delayed jobs to the millisecond, not before. */
const EARLY_TOLERANCE_MS = 1000;
const REAPPLY_PAGE = 200;

/** Only an unanswered wait moves a conversation: a slow resolution is not the assignee's silence. */
const REASSIGNING_METRICS = new Set<SlaMetric>(['firstResponse', 'nextReply']);

/** What the SLA jobs do: recompute due times, and act on a clock that reached its due time. */
@Injectable()
export class SlaTimersService {
  private readonly logger = new Logger(SlaTimersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly sla: ConversationSlaService,
    private readonly breaches: SlaBreachesRepository,
    private readonly transactions: Transactions,
    private readonly routing: RoutingService,
  ) {}

  /** Recomputes one conversation's SLA; clients hear of it when it changed. */
  async refresh(conversationId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const conversation = await this.conversations.lockForUpdate(tx.manager, conversationId);
      if (!conversation || !(await this.sla.refresh(tx, conversation))) return;
      const dto = (await this.conversations.loadDto(conversationId, tx.manager))!;
      tx.publish('conversation.updated', { conversation: dto }, conversationAudience(dto));
    });
  }

  /** After a policy or a team's hours changed. */
  async reapplyAll(): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const ids = await this.sla.pageToReapply(after, REAPPLY_PAGE);
      for (const id of ids) await this.refresh(id);
      if (ids.length < REAPPLY_PAGE) return;
      after = ids.at(-1)!;
    }
  }

  /**
   * The timer of one clock fired. The clock is judged as it is now, not as the timer remembers it: one that
   * stopped, paused or moved does nothing (its new due time has its own timer), and a breach already
   * recorded, or a clock already overdue when its policy took effect, is not recorded, pushed or acted on.
   */
  async fire(conversationId: string, metric: SlaMetric): Promise<void> {
    const reassignFrom = await this.transactions.run(async (tx) => {
      const conversation = await this.conversations.lockForUpdate(tx.manager, conversationId);
      if (!conversation) return null;
      const state = await this.sla.evaluate(tx.manager, conversation);
      const due = breachableDue(state, metric);
      if (!state.policy || !due || due.dueAt.getTime() > Date.now() + EARLY_TOLERANCE_MS) return null;
      const breach = { metric, clockStartedAt: due.clockStartedAt, dueAt: due.dueAt, breachedAt: new Date() };
      const recorded = await this.breaches.record(tx.manager, {
        ...breach,
        conversationId,
        policyId: state.policy.id,
        agentId: conversation.assigneeId,
        teamId: conversation.teamId,
        channelId: conversation.channelId,
      });
      if (!recorded) return null;
      await this.sla.store(tx, conversation, { ...state, breaches: [...state.breaches, breach] });
      const dto = (await this.conversations.loadDto(conversationId, tx.manager))!;
      tx.publish('sla.breached', { conversationId, metric, dueAt: due.dueAt.toISOString(), assigneeId: conversation.assigneeId }, { userIds: conversation.assigneeId ? [conversation.assigneeId] : [], teamIds: [], leadTeamIds: conversation.teamId ? [conversation.teamId] : [] });
      tx.publish('conversation.updated', { conversation: dto }, conversationAudience(dto));
      const team = conversation.teamId ? await tx.manager.getRepository(TeamEntity).findOneBy({ id: conversation.teamId }) : null;
      return team?.slaBreachAction === 'reassign' && conversation.assigneeId && REASSIGNING_METRICS.has(metric) ? conversation.assigneeId : null;
    });
    if (!reassignFrom) return;
    const outcome = await this.routing.route(conversationId, { from: reassignFrom, reason: 'sla' });
    this.logger.log(`SLA ${metric} breached on ${conversationId}: ${outcome === 'assigned' ? 'reassigned' : 'no colleague free, kept with its assignee'}`);
  }
}
