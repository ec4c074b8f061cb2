import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { CreateUserBody, UpdateUserBody, User } from '@rapport/shared';
import { AuthService, toUserDto } from './auth.service.js';
import { TeamMemberEntity } from './team-member.entity.js';
import { TeamEntity } from './team.entity.js';
import { UserEntity } from './user.entity.js';

/** Admins add and change the people who work in Rapport. */
@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<User[]> {
    return (await this.dataSource.getRepository(UserEntity).find({ order: { name: 'ASC' } })).map(toUserDto);
  }

  async create(body: CreateUserBody): Promise<User> {
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
      return created;
    });
    return toUserDto(user);
  }

  async update(id: string, body: UpdateUserBody): Promise<User> {
    const repo = this.dataSource.getRepository(UserEntity);
    const user = await repo.findOneBy({ id });
    if (!user) throw new NotFoundException('User not found');
    if (body.name !== undefined) user.name = body.name;
    if (body.role !== undefined) user.role = body.role;
    const changes: Partial<UserEntity> = { name: user.name, role: user.role };
    if (body.password !== undefined) changes.passwordHash = await AuthService.hashPassword(body.password);
    await repo.update({ id }, changes);
    return toUserDto({ ...user, ...changes } as UserEntity);
  }
}
