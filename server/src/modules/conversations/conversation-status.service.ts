import { Injectable } from '@nestjs/common';
import type { Conversation, ConversationStatus } from '@rapport/shared';
import { QueueService } from '../../core/queue.service.js';
import { conversationAudience } from '../events/audience.js';
import { Transactions, type Tx } from '../events/transactions.service.js';
import { RoutingService } from '../routing/routing.service.js';
import { ClockFactsRepository } from './clock-facts.repository.js';
import { ConversationClocksService } from './conversation-clocks.service.js';
import type { ConversationEntity } from './conversation.entity.js';
import { ConversationsRepository, type ConversationChanges } from './conversations.repository.js';

export interface StatusChange {
  status: ConversationStatus;
  /** Required with `snoozed`; ignored otherwise. */
  snoozeUntil?: Date | null;
  /** Who changed it; null for a timer. */
  by: string | null;
  /** When the clocks count the change from (default: now). */
  at?: Date;
  /** Columns written with it, e.g. a follow-up moving the conversation to the top. */
  also?: ConversationChanges;
}

/**
 * The one path a conversation's status changes by, for agents and timers alike: a status fact for the
 * clocks, the stopped clocks and SLA recomputed (once), the row, `conversation.updated`, routing, and the snooze
 * timer moved (one delayed job per conversation and snooze time).
 */
@Injectable()
export class ConversationStatusService {
  constructor(
    private readonly repo: ConversationsRepository,
    private readonly clockFacts: ClockFactsRepository,
    private readonly clocks: ConversationClocksService,
    private readonly routing: RoutingService,
    private readonly queues: QueueService,
    private readonly transactions: Transactions,
  ) {}

  /** In the caller's transaction, with the conversation row locked. */
  async apply(tx: Tx, conversation: ConversationEntity, change: StatusChange): Promise<Conversation> {
    const id = conversation.id;
    const before = conversation.status;
    if (before !== change.status) {
      await this.clockFacts.record(tx.manager, [{ conversationId: id, kind: 'status', status: change.status, at: change.at ?? new Date(), agentId: change.by }]);
      await this.clocks.refresh(tx, conversation);
    }
    const snoozedUntil = change.status === 'snoozed' ? (change.snoozeUntil ?? null) : null;
    await this.repo.update(tx.manager, id, {
      status: change.status,
      snoozedUntil,
      resolvedAt: change.status === 'resolved' ? new Date() : null,
      ...(change.status === 'resolved' ? { unreadCount: 0 } : {}),
      ...change.also,
    });
    this.moveSnoozeTimer(tx, id, conversation.snoozedUntil, snoozedUntil);
    const loaded = (await this.repo.loadDto(id, tx.manager))!;
    tx.publish('conversation.updated', { conversation: loaded }, conversationAudience(loaded));
    // Resolving or snoozing frees the owner's capacity; reopening an unowned one needs an owner.
    const owner = loaded.assigneeId;
    if (owner && (loaded.status === 'resolved' || loaded.status === 'snoozed') && before !== loaded.status) tx.afterCommit(() => this.routing.later.drainAgent(owner));
    if (!owner && loaded.status === 'open') tx.afterCommit(() => this.routing.later.route(id));
    return loaded;
  }

  /** After the commit: the old snooze's timer goes, the new one's is added (the same time is the same job). */
  moveSnoozeTimer(tx: Tx, conversationId: string, before: Date | null, after: Date | null): void {
    if (before && before.getTime() !== after?.getTime()) tx.afterCommit(() => this.queues.cancelSnoozeWake(conversationId, before));
    if (after) tx.afterCommit(() => this.queues.scheduleSnoozeWake(conversationId, after));
  }

  /**
   * The snooze timer fired. Judged as the conversation is now: one no longer snoozed, or snoozed until
   * another time (that time has its own timer), is left alone, so a timer that fires twice wakes it once.
   * A late timer (the workers were down) reopens it as of the snooze's end, which is when the clocks resume.
   */
  async wake(conversationId: string, snoozedUntil: Date): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const conversation = await this.repo.lockForUpdate(tx.manager, conversationId);
      if (!conversation || conversation.status !== 'snoozed' || conversation.snoozedUntil?.getTime() !== snoozedUntil.getTime()) return false;
      await this.apply(tx, conversation, { status: 'open', by: null, at: new Date(Math.min(Date.now(), snoozedUntil.getTime())) });
      return true;
    });
  }
}
