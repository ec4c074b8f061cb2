import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { CreateUserBody, UpdateUserBody, UserAccount } from '@rapport/shared';
import { changedFields } from '../../common/changed-fields.js';
import type { RequestOrigin } from '../../common/request-origin.js';
import { QueueService } from '../../core/queue.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AccessChanges } from './access-changes.service.js';
import { AuthService, toAccountDto } from './auth.service.js';
import type { AuthUser } from './auth-user.js';
import { accountChangeRefusal, changesAccess } from './domain/account-changes.js';
import { RefreshTokensService } from './refresh-tokens.service.js';
import { TeamMemberEntity } from './team-member.entity.js';
import { TeamEntity } from './team.entity.js';
import { UserEntity } from './user.entity.js';

/** The admin making a change, and from where: the audit log records both. */
export interface ChangedBy {
  user: Pick<AuthUser, 'id' | 'email'>;
  origin: RequestOrigin | null;
}

/** Admins add and change the people who work in Rapport. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly accessChanges: AccessChanges,
    private readonly queues: QueueService,
  ) {}

  async list(): Promise<UserAccount[]> {
    return (await this.dataSource.getRepository(UserEntity).find({ order: { name: 'ASC' } })).map(toAccountDto);
  }

  async create(body: CreateUserBody, by: ChangedBy): Promise<UserAccount> {
    const email = body.email.trim().toLowerCase();
    const user = await this.dataSource.transaction(async (manager) => {
      if (await manager.getRepository(UserEntity).createQueryBuilder('u').where('lower(u.email) = :email', { email }).getExists()) {
        throw new ConflictException(`A user with email ${email} exists already`);
      }
      const created = await manager.getRepository(UserEntity).save(
        manager.getRepository(UserEntity).create({
          email,
          name: body.name,
          role: body.role,
          passwordHash: await AuthService.hashPassword(body.password),
          autoAssign: body.role === 'agent',
          languages: ['en'],
          skills: [],
        }),
      );
      const teamIds = [...new Set(body.teamIds ?? [])];
      if (teamIds.length) {
        if ((await manager.getRepository(TeamEntity).countBy({ id: In(teamIds) })) !== teamIds.length) throw new BadRequestException('teamIds: unknown team');
        await manager.getRepository(TeamMemberEntity).insert(teamIds.map((teamId) => ({ teamId, userId: created.id })));
      }
      await this.audit.record(
        { action: 'user.created', actor: by.user, origin: by.origin, target: { type: 'user', id: created.id }, details: { email, name: body.name, role: body.role, teamIds } },
        manager,
      );
      return created;
    });
    return toAccountDto(user);
  }

  /**
   * A new name, role, password or active state. Deactivating ends every session (refresh tokens revoked,
   * sockets closed, access tokens refused from the next request) and hands their open work back to routing;
   * a new role closes their sockets so they reconnect to the rooms of that role.
   */
  async update(id: string, body: UpdateUserBody, by: ChangedBy): Promise<UserAccount> {
    const { before, after } = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(UserEntity);
      const accessChange = body.role !== undefined || body.active !== undefined;
      // Admins locked first, always in one order: two admins demoting each other at once cannot leave the workspace without one.
      const admins: Array<{ id: string }> = accessChange ? await manager.query("SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE") : [];
      const user = await repo.createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
      if (!user) throw new NotFoundException('User not found');
      if (accessChange) {
        const refusal = accountChangeRefusal(by.user.id, user, body, admins.map((a) => a.id));
        if (refusal) throw new BadRequestException(refusal);
      }
      const changes: Partial<UserEntity> = {};
      if (body.name !== undefined) changes.name = body.name;
      if (body.role !== undefined) changes.role = body.role;
      if (body.active !== undefined) changes.active = body.active;
      if (body.password !== undefined) changes.passwordHash = await AuthService.hashPassword(body.password);
      if (Object.keys(changes).length) await repo.update({ id }, changes);
      const updated = { ...user, ...changes } as UserEntity;

      const target = { type: 'user', id };
      // The password is named as changed, never recorded.
      const diff = changedFields({ name: user.name, role: user.role }, { name: changes.name, role: changes.role });
      const fields = [...Object.keys(diff), ...(body.password !== undefined ? ['password'] : [])];
      if (fields.length) await this.audit.record({ action: 'user.updated', actor: by.user, origin: by.origin, target, details: { fields, ...diff } }, manager);
      if (body.active !== undefined && body.active !== user.active) {
        await this.audit.record({ action: body.active ? 'user.reactivated' : 'user.deactivated', actor: by.user, origin: by.origin, target, details: { email: user.email } }, manager);
        if (!body.active) await this.refreshTokens.revokeAllOf(manager, id);
      }
      return { before: user, after: updated };
    });
    if (changesAccess(before, body)) await this.accessChanges.announce(id);
    // Gone for good: their open conversations go back to routing, as for an agent who went offline.
    if (before.active && !after.active) await this.queues.addRouting({ type: 'agent-deactivated', userId: id });
    return toAccountDto(after);
  }
}
