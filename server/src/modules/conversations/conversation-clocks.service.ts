import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ClockFigure, ConversationMetrics } from '@rapport/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { teamCalendar } from '../auth/team-calendar.js';
import type { Tx } from '../events/transactions.service.js';
import { computeCycles, type ClockValue } from '../metrics/domain/clocks.js';
import { ConversationSlaService } from '../sla/conversation-sla.service.js';
import { ClockFactsRepository, type StoredValue } from './clock-facts.repository.js';
import type { ConversationEntity } from './conversation.entity.js';
import { ConversationsRepository } from './conversations.repository.js';
import { assertCanView } from './conversation-access.js';

function figure(value: ClockValue | null): ClockFigure | null {
  if (!value) return null;
  return { startedAt: value.startedAt.toISOString(), stoppedAt: value.stoppedAt.toISOString(), wallSeconds: value.wallSeconds, businessSeconds: value.businessSeconds, agentId: value.agentId };
}

/** The response-time clocks of one conversation, explained: where every figure a manager sees comes from. */
@Injectable()
export class ConversationClocksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly facts: ClockFactsRepository,
    private readonly sla: ConversationSlaService,
  ) {}

  async of(user: AuthUser, id: string): Promise<ConversationMetrics> {
    const conversation = await this.conversations.ownership(id);
    assertCanView(user, conversation);
    const calendar = await teamCalendar(this.dataSource.manager, conversation.teamId);
    const cycles = computeCycles(await this.facts.ofConversation(id), calendar);
    return {
      conversationId: id,
      timezone: calendar.timezone,
      cycles: cycles.map((c) => ({
        startedAt: c.startedAt.toISOString(),
        firstResponse: figure(c.firstResponse),
        nextReplies: c.nextReplies.map((v) => figure(v)!),
        resolution: figure(c.resolution),
        events: c.events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, why: e.why })),
      })),
    };
  }

  /**
   * After a reply, a status change or a team change, in its transaction (the row locked): the stopped
   * clocks as reports read them, and the SLA due times from the same computed clocks.
   */
  async refresh(tx: Tx, conversation: ConversationEntity): Promise<void> {
    const calendar = await teamCalendar(tx.manager, conversation.teamId);
    const cycles = computeCycles(await this.facts.ofConversation(conversation.id, tx.manager), calendar);
    const values = cycles.flatMap((c): StoredValue[] => [
      ...(c.firstResponse ? [{ metric: 'firstResponse' as const, ...c.firstResponse }] : []),
      ...c.nextReplies.map((v) => ({ metric: 'nextReply' as const, ...v })),
      ...(c.resolution ? [{ metric: 'resolution' as const, ...c.resolution }] : []),
    ]);
    await this.facts.replaceValues(tx.manager, conversation, values);
    await this.sla.refresh(tx, conversation, { cycles, calendar });
  }

}
