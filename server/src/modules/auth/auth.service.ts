import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { Repository } from 'typeorm';
import type { DirectoryEntry, LoginResponse, User } from '@rapport/shared';
import { UserEntity } from './user.entity.js';
import { TeamMemberEntity } from './team-member.entity.js';
import type { AuthUser } from './auth-user.js';

interface TokenClaims {
  sub: string;
}

export const toUserDto = (u: UserEntity): User => ({ id: u.id, name: u.name, email: u.email, role: u.role });

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(TeamMemberEntity) private readonly members: Repository<TeamMemberEntity>,
    private readonly jwt: JwtService,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const valid = user !== null && (await argon2.verify(user.passwordHash, password).catch(() => false));
    if (!user || !valid) throw new UnauthorizedException('Wrong email or password');
    const claims: TokenClaims = { sub: user.id };
    return { accessToken: await this.jwt.signAsync(claims), user: toUserDto(user) };
  }

  /** Resolves a bearer token to the user behind it, or null when it is invalid, expired or the user is gone. */
  async authenticate(token: string | undefined): Promise<AuthUser | null> {
    if (!token) return null;
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token);
    } catch {
      return null;
    }
    return this.loadUser(claims.sub);
  }

  async loadUser(id: string): Promise<AuthUser | null> {
    const user = await this.users.findOneBy({ id });
    if (!user) return null;
    const teams = await this.members.find({ where: { userId: id }, select: { teamId: true } });
    return { ...toUserDto(user), teamIds: teams.map((t) => t.teamId) };
  }

  async directory(): Promise<DirectoryEntry[]> {
    const users = await this.users.find({ select: { id: true, name: true, role: true }, order: { name: 'ASC' } });
    return users.map((u) => ({ id: u.id, name: u.name, role: u.role }));
  }

  static hashPassword(password: string): Promise<string> {
    return argon2.hash(password);
  }
}
