import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ClockFigure, ConversationMetrics } from '@rapport/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { TeamEntity } from '../auth/team.entity.js';
import type { BusinessCalendar } from '../metrics/domain/business-hours.js';
import { computeCycles, type ClockValue } from '../metrics/domain/clocks.js';
import { ClockFactsRepository } from './clock-facts.repository.js';
import { ConversationsRepository } from './conversations.repository.js';
import { canViewConversation } from './domain/access.js';

/** Without a team, clocks count around the clock. */
const ALWAYS_OPEN: BusinessCalendar = { timezone: 'UTC', businessHours: {} };

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
    const team = conversation.teamId ? await this.dataSource.getRepository(TeamEntity).findOneBy({ id: conversation.teamId }) : null;
    const calendar: BusinessCalendar = team ? { timezone: team.timezone, businessHours: team.businessHours, holidays: team.holidays } : ALWAYS_OPEN;
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
}
