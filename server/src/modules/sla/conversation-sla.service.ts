import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SLA_METRICS, type ConversationSla, type SlaMetric } from '@rapport/shared';
import { QueueService } from '../../core/queue.service.js';
import { teamCalendar } from '../auth/team-calendar.js';
import { ChannelEntity } from '../channels/channel.entity.js';
import { ClockFactsRepository } from '../conversations/clock-facts.repository.js';
import type { ConversationEntity } from '../conversations/conversation.entity.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import type { BusinessCalendar } from '../metrics/domain/business-hours.js';
import { computeCycles, type Cycle } from '../metrics/domain/clocks.js';
import type { Tx } from '../events/transactions.service.js';
import { dueTimes, earliestDue, type Due, type DueTimes } from './domain/due-times.js';
import { matchPolicy } from './domain/match-policy.js';
import { SlaBreachesRepository, type Breach } from './sla-breaches.repository.js';
import { SlaPoliciesService } from './sla-policies.service.js';
import type { SlaPolicyEntity } from './sla-policy.entity.js';

/** A conversation's SLA as its facts, its team's hours and the matching policy make it now. */
export interface SlaState {
  policy: SlaPolicyEntity | null;
  due: DueTimes;
  breaches: Breach[];
}

/** The clocks of a conversation when the caller has just computed them (no second read of its facts). */
export interface KnownClocks {
  cycles: Cycle[];
  calendar: BusinessCalendar;
}

const DUE_FIELD = { firstResponse: 'firstResponseDueAt', nextReply: 'nextReplyDueAt', resolution: 'resolutionDueAt' } as const satisfies Record<SlaMetric, keyof ConversationSla>;
const TARGET_FIELD = { firstResponse: 'firstResponseSeconds', nextReply: 'nextReplySeconds', resolution: 'resolutionSeconds' } as const satisfies Record<SlaMetric, keyof ConversationSla & keyof SlaPolicyEntity>;

const isBreached = (breaches: Breach[], metric: SlaMetric, clockStartedAt: Date): boolean =>
  breaches.some((b) => b.metric === metric && b.clockStartedAt.getTime() === clockStartedAt.getTime());

/**
 * The due time of a clock that may still breach: not breached yet, and not already past when the policy took
 * its present form. A new or changed policy finds some clocks overdue; they show as such, but the policy made
 * no promise then, so no breach is recorded, pushed or acted on for them.
 */
export function breachableDue({ policy, due, breaches }: SlaState, metric: SlaMetric): Due | null {
  const d = due[metric];
  if (!policy || !d || d.dueAt < policy.updatedAt || isBreached(breaches, metric, d.clockStartedAt)) return null;
  return d;
}

function toSla({ policy, due, breaches }: SlaState): ConversationSla | null {
  if (!policy) return null;
  const sla: ConversationSla = { policyId: policy.id, breaches: breaches.map((b) => ({ metric: b.metric, dueAt: b.dueAt.toISOString(), at: b.breachedAt.toISOString() })) };
  for (const metric of SLA_METRICS) {
    const d = due[metric];
    if (!d) continue;
    sla[DUE_FIELD[metric]] = d.dueAt.toISOString();
    sla[TARGET_FIELD[metric]] = policy[TARGET_FIELD[metric]]!;
  }
  return sla;
}

/**
 * Keeps each conversation's `sla` (due times of its running clocks, breaches of its current cycle) and its
 * `slaDeadline` up to date, and a delayed job per running clock that checks it at its due time.
 */
@Injectable()
export class ConversationSlaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly facts: ClockFactsRepository,
    private readonly policies: SlaPoliciesService,
    private readonly breaches: SlaBreachesRepository,
    private readonly queues: QueueService,
  ) {}

  /** Without a matching policy nothing else is read. */
  async evaluate(manager: EntityManager, conversation: ConversationEntity, known?: KnownClocks): Promise<SlaState> {
    const channel = await manager.getRepository(ChannelEntity).findOne({ where: { id: conversation.channelId }, select: { id: true, kind: true } });
    const policy = channel ? matchPolicy(await this.policies.all(manager), { teamId: conversation.teamId, channelKind: channel.kind, priority: conversation.priority }) : null;
    if (!policy) return { policy: null, due: {}, breaches: [] };
    const calendar = known?.calendar ?? (await teamCalendar(manager, conversation.teamId));
    const cycle = (known?.cycles ?? computeCycles(await this.facts.ofConversation(conversation.id, manager), calendar)).at(-1);
    const due = dueTimes(cycle?.running ?? null, policy, calendar);
    const breaches = cycle ? await this.breaches.since(manager, conversation.id, cycle.startedAt) : [];
    return { policy, due, breaches };
  }

  /** In the caller's transaction (the conversation row locked): the SLA as it is now, stored. True when it changed. */
  async refresh(tx: Tx, conversation: ConversationEntity, known?: KnownClocks): Promise<boolean> {
    return this.store(tx, conversation, await this.evaluate(tx.manager, conversation, known));
  }

  /**
   * Writes `sla` and `slaDeadline` when they differ from the row's and, after the commit, moves the timers.
   * True when they changed (the caller publishes the conversation).
   */
  async store(tx: Tx, conversation: ConversationEntity, state: SlaState): Promise<boolean> {
    const before = conversation.sla;
    const sla = toSla(state);
    const deadline = earliestDue(state.due);
    if (JSON.stringify(before) === JSON.stringify(sla) && conversation.slaDeadline?.getTime() === deadline?.getTime()) return false;
    await this.conversations.update(tx.manager, conversation.id, { sla, slaDeadline: deadline });
    conversation.sla = sla;
    conversation.slaDeadline = deadline;
    tx.afterCommit(() => this.reschedule(conversation.id, before, state));
    return true;
  }

  /** A timer per running clock that may still breach; the timer of a due time that moved or went is removed. */
  private async reschedule(conversationId: string, before: ConversationSla | null, state: SlaState): Promise<void> {
    for (const metric of SLA_METRICS) {
      const old = before?.[DUE_FIELD[metric]];
      const wanted = breachableDue(state, metric)?.dueAt ?? null;
      if (old && old !== wanted?.toISOString()) await this.queues.cancelSlaBreach(conversationId, metric, new Date(old));
      // The same due time is the same job id: adding it again is a no-op.
      if (wanted) await this.queues.scheduleSlaBreach(conversationId, metric, wanted);
    }
  }

  /** Open conversations (and resolved ones still showing an SLA), a page at a time by id. */
  async pageToReapply(afterId: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM conversations WHERE (status <> 'resolved' OR sla IS NOT NULL) ${afterId ? 'AND id > $2' : ''} ORDER BY id LIMIT $1`,
      afterId ? [limit, afterId] : [limit],
    );
    return rows.map((r) => r.id);
  }
}
