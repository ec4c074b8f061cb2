import { ConflictException, Injectable, NotFoundException, BadRequestException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Team, UpdateTeamBody, createTeamBody } from '@rapport/shared';
import type { z } from 'zod';
import { TeamMemberEntity } from '../auth/team-member.entity.js';
import { TeamEntity } from '../auth/team.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { ChannelEntity } from '../channels/channel.entity.js';
import { RoutingService } from './routing.service.js';

type CreateTeam = z.output<typeof createTeamBody>;

/** Teams: who is in them, which channels they serve, how they route and when they are open. */
@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly routing: RoutingService,
  ) {}

  async list(): Promise<Team[]> {
    const [teams, members, channels, waiting] = await Promise.all([
      this.dataSource.getRepository(TeamEntity).find({ order: { name: 'ASC' } }),
      this.dataSource.getRepository(TeamMemberEntity).find(),
      this.dataSource.getRepository(ChannelEntity).find({ select: { id: true, teamId: true } }),
      this.dataSource.query("SELECT team_id, count(*) AS n FROM conversations WHERE assignee_id IS NULL AND status = 'open' AND team_id IS NOT NULL GROUP BY team_id") as Promise<Array<{ team_id: string; n: string }>>,
    ]);
    return teams.map((t) => ({
      id: t.id,
      name: t.name,
      strategy: t.strategy,
      defaultCapacity: t.defaultCapacity,
      timezone: t.timezone,
      businessHours: t.businessHours,
      channelIds: channels.filter((c) => c.teamId === t.id).map((c) => c.id),
      memberIds: members.filter((m) => m.teamId === t.id).map((m) => m.userId),
      waitingCount: Number(waiting.find((w) => w.team_id === t.id)?.n ?? 0),
    }));
  }

  async get(id: string): Promise<Team> {
    const team = (await this.list()).find((t) => t.id === id);
    if (!team) throw new NotFoundException('Team not found');
    return team;
  }

  async create(body: CreateTeam): Promise<Team> {
    const id = await this.dataSource.transaction(async (manager) => {
      if (await manager.getRepository(TeamEntity).existsBy({ name: body.name })) throw new ConflictException(`A team named "${body.name}" exists already`);
      const team = await manager.getRepository(TeamEntity).save(
        manager.getRepository(TeamEntity).create({ name: body.name, strategy: body.strategy, defaultCapacity: body.defaultCapacity, timezone: body.timezone, businessHours: body.businessHours as TeamEntity['businessHours'] }),
      );
      await this.setMembersAndChannels(manager, team.id, body.memberIds, body.channelIds);
      return team.id;
    });
    return this.get(id);
  }

  async update(id: string, body: UpdateTeamBody): Promise<Team> {
    await this.dataSource.transaction(async (manager) => {
      const team = await manager.getRepository(TeamEntity).findOneBy({ id });
      if (!team) throw new NotFoundException('Team not found');
      if (body.name && body.name !== team.name && (await manager.getRepository(TeamEntity).existsBy({ name: body.name }))) throw new ConflictException(`A team named "${body.name}" exists already`);
      const changes: Partial<TeamEntity> = {};
      if (body.name !== undefined) changes.name = body.name;
      if (body.strategy !== undefined) changes.strategy = body.strategy;
      if (body.defaultCapacity !== undefined) changes.defaultCapacity = body.defaultCapacity;
      if (body.timezone !== undefined) changes.timezone = body.timezone;
      if (body.businessHours !== undefined) changes.businessHours = body.businessHours as TeamEntity['businessHours'];
      if (Object.keys(changes).length) await manager.getRepository(TeamEntity).update({ id }, changes);
      await this.setMembersAndChannels(manager, id, body.memberIds, body.channelIds);
    });
    // A new strategy, more capacity or more members may serve the queue now.
    await this.routing.later.drainTeam(id);
    return this.get(id);
  }

  private async setMembersAndChannels(manager: EntityManager, teamId: string, memberIds?: string[], channelIds?: string[]): Promise<void> {
    if (memberIds) {
      const unique = [...new Set(memberIds)];
      if ((await manager.getRepository(UserEntity).countBy({ id: In(unique) })) !== unique.length) throw new BadRequestException('memberIds: unknown user');
      await manager.getRepository(TeamMemberEntity).delete({ teamId });
      if (unique.length) await manager.getRepository(TeamMemberEntity).insert(unique.map((userId) => ({ teamId, userId })));
    }
    if (channelIds) {
      const unique = [...new Set(channelIds)];
      if ((await manager.getRepository(ChannelEntity).countBy({ id: In(unique) })) !== unique.length) throw new BadRequestException('channelIds: unknown channel');
      await manager.getRepository(ChannelEntity).update({ teamId }, { teamId: null });
      if (unique.length) await manager.getRepository(ChannelEntity).update({ id: In(unique) }, { teamId });
    }
  }
}
