import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClockFigure, ConversationMetrics } from '@rapport/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { teamCalendar } from '../auth/team-calendar.js';
import { computeCycles, type ClockValue } from '../metrics/domain/clocks.js';
import { ClockFactsRepository, type StoredValue } from './clock-facts.repository.js';
import { ConversationsRepository } from './conversations.repository.js';
import { canViewConversation } from './domain/access.js';

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
  ) {}

  async of(user: AuthUser, id: string): Promise<ConversationMetrics> {
    const conversation = await this.conversations.ownership(id);
    if (!conversation || !canViewConversation(user, conversation)) throw new NotFoundException('Conversation not found');
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

  /** After a reply or a status change, in its transaction: the conversation's stopped clocks as reports read them. */
  async refresh(manager: EntityManager, conversation: { id: string; teamId: string | null; channelId: string }): Promise<void> {
    const cycles = computeCycles(await this.facts.ofConversation(conversation.id, manager), await teamCalendar(manager, conversation.teamId));
    const values = cycles.flatMap((c): StoredValue[] => [
      ...(c.firstResponse ? [{ metric: 'firstResponse' as const, ...c.firstResponse }] : []),
      ...c.nextReplies.map((v) => ({ metric: 'nextReply' as const, ...v })),
      ...(c.resolution ? [{ metric: 'resolution' as const, ...c.resolution }] : []),
    ]);
    await this.facts.replaceValues(manager, conversation, values);
  }
}
