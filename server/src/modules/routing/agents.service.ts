import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Agent, UpdateAgentBody } from '@rapport/shared';
import { TeamMemberEntity } from '../auth/team-member.entity.js';
import { TeamEntity } from '../auth/team.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { PresenceService } from '../realtime/presence.service.js';
import { RoutingService } from './routing.service.js';

/** Agents and leads as team leads manage them: capacity, skills, languages, teams, auto-assign. */
@Injectable()
export class AgentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly presence: PresenceService,
    private readonly routing: RoutingService,
  ) {}

  async list(ids?: string[]): Promise<Agent[]> {
    // Deactivated people leave the team's list (asked for by id, e.g. after an edit, they still answer).
    const users = await this.dataSource.getRepository(UserEntity).find({ where: { role: In(['agent', 'lead']), ...(ids ? { id: In(ids) } : { active: true }) }, order: { name: 'ASC' } });
    const userIds = users.map((u) => u.id);
    const [members, teams, presence, load, waiting] = await Promise.all([
      this.dataSource.getRepository(TeamMemberEntity).find({ where: { userId: In(userIds) } }),
      this.dataSource.getRepository(TeamEntity).find(),
      this.presence.statusOf(userIds),
      this.routing.loadOf(userIds),
      this.oldestWaitingOf(userIds),
    ]);
    const defaults = new Map(teams.map((t) => [t.id, t.defaultCapacity]));
    return users.map((u) => {
      const teamIds = members.filter((m) => m.userId === u.id).map((m) => m.teamId);
      const teamDefault = Math.min(...teamIds.map((t) => defaults.get(t) ?? 5));
      return {
        id: u.id,
        name: u.name,
        email: u.email,
        role: u.role,
        capacity: u.capacity,
        effectiveCapacity: u.capacity ?? (Number.isFinite(teamDefault) ? teamDefault : 5),
        skills: u.skills,
        languages: u.languages,
        teamIds,
        autoAssign: u.autoAssign,
        presence: presence.get(u.id) ?? 'offline',
        openCount: load.get(u.id) ?? 0,
        oldestWaitingSince: waiting.get(u.id)?.toISOString() ?? null,
      };
    });
  }

  /** Per agent, the oldest unanswered customer message among their open conversations: one grouped query for everyone. */
  private async oldestWaitingOf(userIds: string[]): Promise<Map<string, Date>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ assignee_id: string; since: Date }> = await this.dataSource.query(
      "SELECT assignee_id, min(waiting_since) AS since FROM conversations WHERE assignee_id = ANY($1) AND status = 'open' AND waiting_since IS NOT NULL GROUP BY assignee_id",
      [userIds],
    );
    return new Map(rows.map((r) => [r.assignee_id, new Date(r.since)]));
  }

  async update(id: string, body: UpdateAgentBody): Promise<Agent> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user || (user.role !== 'agent' && user.role !== 'lead')) throw new NotFoundException('Agent not found');
    await this.dataSource.transaction(async (manager) => {
      const changes: Partial<UserEntity> = {};
      if (body.capacity !== undefined) changes.capacity = body.capacity;
      if (body.skills) changes.skills = [...new Set(body.skills.map((s) => s.trim().toLowerCase()))];
      if (body.languages) changes.languages = [...new Set(body.languages.map((l) => l.toLowerCase()))];
      if (body.autoAssign !== undefined) changes.autoAssign = body.autoAssign;
      if (Object.keys(changes).length) await manager.getRepository(UserEntity).update({ id }, changes);
      if (body.teamIds) {
        const found = await manager.getRepository(TeamEntity).countBy({ id: In(body.teamIds) });
        if (found !== new Set(body.teamIds).size) throw new BadRequestException('teamIds: unknown team');
        await manager.getRepository(TeamMemberEntity).delete({ userId: id });
        if (body.teamIds.length) await manager.getRepository(TeamMemberEntity).insert([...new Set(body.teamIds)].map((teamId) => ({ teamId, userId: id })));
      }
    });
    // More room or a new team may let them take waiting work at once.
    await this.routing.later.drainAgent(id);
    return (await this.list([id]))[0]!;
  }
}
