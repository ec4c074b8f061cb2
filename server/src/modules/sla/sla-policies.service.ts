import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { createSlaPolicyBody, SlaPolicy, updateSlaPolicyBody } from '@rapport/shared';
import { QueueService } from '../../core/queue.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { leadScopeRefusal } from '../auth/domain/lead-scope.js';
import { TeamEntity } from '../auth/team.entity.js';
import { SlaPolicyEntity } from './sla-policy.entity.js';

type CreateBody = z.output<typeof createSlaPolicyBody>;
type UpdateBody = z.output<typeof updateSlaPolicyBody>;

export function toSlaPolicyDto(p: SlaPolicyEntity): SlaPolicy {
  return {
    id: p.id,
    name: p.name,
    teamId: p.teamId,
    channelKind: p.channelKind,
    priority: p.priority,
    firstResponseSeconds: p.firstResponseSeconds,
    nextReplySeconds: p.nextReplySeconds,
    resolutionSeconds: p.resolutionSeconds,
    businessHoursOnly: p.businessHoursOnly,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** A lead sets the policies of their own teams; policies for every team are the admins'. */
function assertMayWrite(user: AuthUser, teamId: string | null): void {
  const refusal = leadScopeRefusal(user, teamId, { act: 'set policies', it: 'the policy' });
  if (refusal) throw new ForbiddenException(refusal);
}

/** SLA policies: leads (for their teams) and admins write them, managers read them. */
@Injectable()
export class SlaPoliciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(SlaPolicyEntity);
  }

  /** Every policy, for matching against a conversation. */
  all(manager: EntityManager = this.dataSource.manager): Promise<SlaPolicyEntity[]> {
    return manager.getRepository(SlaPolicyEntity).find();
  }

  async list(): Promise<SlaPolicy[]> {
    return (await this.repo.find({ order: { createdAt: 'ASC' } })).map(toSlaPolicyDto);
  }

  async get(id: string): Promise<SlaPolicy> {
    const policy = await this.repo.findOneBy({ id });
    if (!policy) throw new NotFoundException('SLA policy not found');
    return toSlaPolicyDto(policy);
  }

  async create(user: AuthUser, body: CreateBody): Promise<SlaPolicy> {
    assertMayWrite(user, body.teamId);
    await this.assertTeam(body.teamId);
    const saved = await this.repo.save(this.repo.create(body));
    await this.queues.addSlaReapply();
    return toSlaPolicyDto(saved);
  }

  async update(user: AuthUser, id: string, body: UpdateBody): Promise<SlaPolicy> {
    const policy = await this.repo.findOneBy({ id });
    if (!policy) throw new NotFoundException('SLA policy not found');
    assertMayWrite(user, policy.teamId);
    if (body.teamId !== undefined) {
      assertMayWrite(user, body.teamId);
      await this.assertTeam(body.teamId);
    }
    const changed = Object.assign(policy, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)));
    if (changed.firstResponseSeconds === null && changed.nextReplySeconds === null && changed.resolutionSeconds === null) {
      throw new BadRequestException('set at least one of firstResponseSeconds, nextReplySeconds, resolutionSeconds');
    }
    const saved = await this.repo.save(changed);
    await this.queues.addSlaReapply();
    return toSlaPolicyDto(saved);
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const policy = await this.repo.findOneBy({ id });
    if (!policy) throw new NotFoundException('SLA policy not found');
    assertMayWrite(user, policy.teamId);
    await this.repo.delete({ id });
    await this.queues.addSlaReapply();
  }

  private async assertTeam(teamId: string | null): Promise<void> {
    if (teamId && !(await this.dataSource.getRepository(TeamEntity).existsBy({ id: teamId }))) throw new BadRequestException('teamId: that team does not exist');
  }
}
