import { ConflictException, Injectable, NotFoundException, BadRequestException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Team, UpdateTeamBody, createTeamBody } from '@rapport/shared';
import type { z } from 'zod';
import { TeamMemberEntity } from '../auth/team-member.entity.js';
import { TeamEntity } from '../auth/team.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { ChannelEntity } from '../channels/channel.entity.js';
import { ChannelsService } from '../channels/channels.service.js';
import { QueueService } from '../../core/queue.service.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { RoutingService } from './routing.service.js';
import { AuditService } from '../audit/audit.service.js';
import { changedFields } from '../../common/changed-fields.js';
import type { RequestOrigin } from '../../common/request-origin.js';

type CreateTeam = z.output<typeof createTeamBody>;

const distinctDates = (dates: string[]): string[] => [...new Set(dates)].sort();

/** Teams: who is in them, which channels they serve, how they route and when they are open. */
@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly routing: RoutingService,
    private readonly channels: ChannelsService,
    private readonly conversations: ConversationsRepository,
    private readonly queues: QueueService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Team[]> {
    const [teams, members, channels, waiting] = await Promise.all([
      this.dataSource.getRepository(TeamEntity).find({ order: { name: 'ASC' } }),
      this.dataSource.getRepository(TeamMemberEntity).find(),
      this.dataSource.getRepository(ChannelEntity).find({ select: { id: true, teamId: true } }),
      this.conversations.waitingPerTeam(),
    ]);
    return teams.map((t) => ({
      id: t.id,
      name: t.name,
      strategy: t.strategy,
      defaultCapacity: t.defaultCapacity,
      timezone: t.timezone,
      businessHours: t.businessHours,
      holidays: t.holidays,
      slaBreachAction: t.slaBreachAction,
      channelIds: channels.filter((c) => c.teamId === t.id).map((c) => c.id),
      memberIds: members.filter((m) => m.teamId === t.id).map((m) => m.userId),
      waitingCount: waiting.get(t.id) ?? 0,
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
        manager.getRepository(TeamEntity).create({ name: body.name, strategy: body.strategy, defaultCapacity: body.defaultCapacity, timezone: body.timezone, businessHours: body.businessHours as TeamEntity['businessHours'], holidays: distinctDates(body.holidays), slaBreachAction: body.slaBreachAction }),
      );
      await this.setMembersAndChannels(manager, team.id, body.memberIds, body.channelIds);
      return team.id;
    });
    // After commit: a process reloading earlier would read the channels' old teams again.
    if (body.channelIds.length) await this.channels.changed();
    return this.get(id);
  }

  /** Settings, hours, members and channels; what changed goes to the audit log with the change. */
  async update(id: string, body: UpdateTeamBody, by: { user: { id: string; email: string }; origin: RequestOrigin | null } | null = null): Promise<Team> {
    await this.dataSource.transaction(async (manager) => {
      const team = await manager.getRepository(TeamEntity).findOneBy({ id });
      if (!team) throw new NotFoundException('Team not found');
      const before = await this.membersAndChannels(manager, id);
      if (body.name && body.name !== team.name && (await manager.getRepository(TeamEntity).existsBy({ name: body.name }))) throw new ConflictException(`A team named "${body.name}" exists already`);
      const changes: Partial<TeamEntity> = {};
      if (body.name !== undefined) changes.name = body.name;
      if (body.strategy !== undefined) changes.strategy = body.strategy;
      if (body.defaultCapacity !== undefined) changes.defaultCapacity = body.defaultCapacity;
      if (body.timezone !== undefined) changes.timezone = body.timezone;
      if (body.businessHours !== undefined) changes.businessHours = body.businessHours as TeamEntity['businessHours'];
      if (body.holidays !== undefined) changes.holidays = distinctDates(body.holidays);
      if (body.slaBreachAction !== undefined) changes.slaBreachAction = body.slaBreachAction;
      if (Object.keys(changes).length) await manager.getRepository(TeamEntity).update({ id }, changes);
      await this.setMembersAndChannels(manager, id, body.memberIds, body.channelIds);
      const diff = changedFields(
        { ...team, ...before },
        { ...changes, memberIds: body.memberIds && [...new Set(body.memberIds)].sort(), channelIds: body.channelIds && [...new Set(body.channelIds)].sort() },
      );
      if (Object.keys(diff).length) {
        await this.audit.record({ action: 'team.updated', actor: by?.user ?? null, origin: by?.origin ?? null, target: { type: 'team', id }, details: { fields: Object.keys(diff), ...diff } }, manager);
      }
    });
    if (body.channelIds) await this.channels.changed();
    // Other hours move every due time of the team's open conversations.
    if (body.timezone !== undefined || body.businessHours !== undefined || body.holidays !== undefined) await this.queues.addSlaReapply();
    // A new strategy, more capacity or more members may serve the queue now.
    await this.routing.later.drainTeam(id);
    return this.get(id);
  }

  /** Sorted, so the audit log compares sets. */
  private async membersAndChannels(manager: EntityManager, teamId: string): Promise<{ memberIds: string[]; channelIds: string[] }> {
    const [members, channels] = await Promise.all([
      manager.getRepository(TeamMemberEntity).find({ where: { teamId }, select: { userId: true } }),
      manager.getRepository(ChannelEntity).find({ where: { teamId }, select: { id: true } }),
    ]);
    return { memberIds: members.map((m) => m.userId).sort(), channelIds: channels.map((c) => c.id).sort() };
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
