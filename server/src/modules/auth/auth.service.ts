import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { DataSource, Repository } from 'typeorm';
import type { DirectoryEntry, LoginResponse, User, UserAccount } from '@rapport/shared';
import type { RequestOrigin } from '../../common/request-origin.js';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { AuditService } from '../audit/audit.service.js';
import { lifetimeSeconds } from './domain/token-lifetime.js';
import { REFRESH_REFUSALS } from './domain/refresh-verdict.js';
import { LoginThrottle, LoginThrottledException } from './login-throttle.service.js';
import { RefreshTokensService } from './refresh-tokens.service.js';
import { UserEntity } from './user.entity.js';
import { TeamMemberEntity } from './team-member.entity.js';
import type { AuthUser } from './auth-user.js';

interface TokenClaims {
  sub: string;
}

/** Where a sign-in comes from, for the throttle and the audit log; `via` names a sign-in other than the login page. */
export interface SignInContext {
  origin: RequestOrigin | null;
  via?: 'queue-dashboard';
}

export const toUserDto = (u: UserEntity): User => ({ id: u.id, name: u.name, email: u.email, role: u.role });
export const toAccountDto = (u: UserEntity): UserAccount => ({ ...toUserDto(u), active: u.active });

const normalizeEmail = (email: string): string => email.trim().toLowerCase().slice(0, 320);

@Injectable()
export class AuthService {
  /** Lifetime of an access token in seconds (validated at start). */
  readonly accessTokenSeconds: number;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(TeamMemberEntity) private readonly members: Repository<TeamMemberEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONFIG) config: AppConfig,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly refreshTokens: RefreshTokensService,
    private readonly audit: AuditService,
  ) {
    this.accessTokenSeconds = lifetimeSeconds(config.JWT_TTL) ?? 900;
  }

  /** A new session: an access token and the first refresh token of a new family. */
  async login(email: string, password: string, context: SignInContext = { origin: null }): Promise<LoginResponse> {
    const user = await this.verifyCredentials(email, password, context);
    const refreshToken = await this.dataSource.transaction(async (manager) => {
      const issued = await this.refreshTokens.issue(manager, user.id, context.origin);
      await this.audit.record({ action: 'auth.login', actor: { id: user.id, email: user.email }, origin: context.origin, target: { type: 'user', id: user.id } }, manager);
      return issued.token;
    });
    return this.session(user, refreshToken);
  }

  /**
   * The queue dashboard's Basic sign-in: the checks, throttle and audit of the login page, but no session
   * (the browser sends the header again with every request).
   */
  async verifyDashboardSignIn(email: string, password: string, origin: RequestOrigin | null): Promise<UserEntity> {
    const context: SignInContext = { origin, via: 'queue-dashboard' };
    const user = await this.verifyCredentials(email, password, context);
    await this.audit.record({ action: 'auth.login', actor: { id: user.id, email: user.email }, origin, target: { type: 'user', id: user.id }, details: { via: context.via } });
    return user;
  }

  /**
   * The user behind an email and password, or 401 (wrong, unknown, deactivated) or 429 (locked). Failures
   * count per account and per address; a refused (429) attempt does not; a success forgives the account.
   */
  async verifyCredentials(email: string, password: string, context: SignInContext): Promise<UserEntity> {
    const tried = normalizeEmail(email);
    const ip = context.origin?.ip ?? null;
    const verdict = await this.throttle.check(tried, ip);
    if (verdict.locked) throw new LoginThrottledException(verdict.retryAfterSeconds);

    const user = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('lower(u.email) = :email', { email: tried }).getOne();
    const valid = user !== null && (await argon2.verify(user.passwordHash, password).catch(() => false));
    const via = context.via ? { via: context.via } : {};
    const failed = (reason: string, extra: Record<string, unknown> = {}) =>
      this.audit.record({
        action: 'auth.login_failed',
        actor: { id: user?.id ?? null, email: tried },
        origin: context.origin,
        target: user ? { type: 'user', id: user.id } : null,
        details: { email: tried, reason, ...via, ...extra },
      });

    if (!user || !valid) {
      const after = await this.throttle.recordFailure(tried, ip);
      await failed(user ? 'wrong_password' : 'unknown_account', after.locked ? { locked: after.scope, lockedForSeconds: after.retryAfterSeconds } : {});
      throw new UnauthorizedException('Wrong email or password');
    }
    // Said only to whoever knows the password; it does not count as a failure.
    if (!user.active) {
      await failed('deactivated');
      throw new UnauthorizedException('This account is deactivated');
    }
    await this.throttle.clearAccount(tried);
    return user;
  }

  /** Exchanges a refresh token for a new pair; a token used twice ends its whole sign-in (401). */
  async refresh(presented: string, origin: RequestOrigin | null): Promise<LoginResponse> {
    const rotation = await this.dataSource.transaction(async (manager) => {
      const result = await this.refreshTokens.rotate(manager, presented, origin);
      if (result.verdict === 'reused' && result.token) {
        const owner = await manager.getRepository(UserEntity).findOneBy({ id: result.token.userId });
        await this.audit.record(
          {
            action: 'auth.refresh_reused',
            actor: { id: result.token.userId, email: owner?.email ?? null },
            origin,
            target: { type: 'user', id: result.token.userId },
            details: { familyId: result.token.familyId },
          },
          manager,
        );
      }
      return result;
    });
    // Thrown after the commit: the revoked family must stay revoked.
    if (rotation.verdict !== 'rotate') throw new UnauthorizedException(REFRESH_REFUSALS[rotation.verdict]);
    return this.session(rotation.user, rotation.refreshToken);
  }

  /** Ends the session of this refresh token; an unknown or ended one changes nothing. */
  async logout(presented: string, origin: RequestOrigin | null): Promise<void> {
    const token = await this.refreshTokens.revoke(presented);
    if (!token) return;
    const user = await this.users.findOneBy({ id: token.userId });
    await this.audit.record({ action: 'auth.logout', actor: { id: token.userId, email: user?.email ?? null }, origin, target: { type: 'user', id: token.userId } });
  }

  private async session(user: UserEntity, refreshToken: string): Promise<LoginResponse> {
    const claims: TokenClaims = { sub: user.id };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.accessTokenSeconds });
    return { accessToken, refreshToken, expiresIn: this.accessTokenSeconds, user: toUserDto(user) };
  }

  /** Resolves a bearer token to the user behind it, or null when it is invalid, expired, or the user is gone or deactivated. */
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

  /** The user as of now (role, teams), or null when gone or deactivated: read on every request and socket connection. */
  async loadUser(id: string): Promise<AuthUser | null> {
    const user = await this.users.findOneBy({ id });
    if (!user?.active) return null;
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
