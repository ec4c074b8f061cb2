import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { RequestOrigin } from '../../common/request-origin.js';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { refreshVerdict, type RefreshVerdict } from './domain/refresh-verdict.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { UserEntity } from './user.entity.js';

const DAY_MS = 86_400_000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export type Rotation = { verdict: 'rotate'; user: UserEntity; refreshToken: string } | { verdict: Exclude<RefreshVerdict, 'rotate'>; token: RefreshTokenEntity | null };

/** Refresh tokens: opaque, random, kept only as their sha256; each use exchanges one for the next of its family. */
@Injectable()
export class RefreshTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new token of a family (a new sign-in when no family is given); answers the token itself, shown once. */
  async issue(manager: EntityManager, userId: string, origin: RequestOrigin | null, familyId: string = randomUUID()): Promise<{ token: string; row: RefreshTokenEntity }> {
    const token = randomBytes(32).toString('base64url');
    const repo = manager.getRepository(RefreshTokenEntity);
    const row = await repo.save(
      repo.create({
        userId,
        familyId,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS),
        revokedAt: null,
        replacedById: null,
        ip: origin?.ip?.slice(0, 64) ?? null,
        userAgent: origin?.userAgent?.slice(0, 500) ?? null,
      }),
    );
    return { token, row };
  }

  /**
   * Exchanges a token for the next of its family, in the caller's transaction. A token exchanged before
   * revokes its whole family; the caller commits that and answers 401.
   */
  async rotate(manager: EntityManager, presented: string, origin: RequestOrigin | null): Promise<Rotation> {
    const token = await manager
      .getRepository(RefreshTokenEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: hashToken(presented) })
      .getOne();
    const user = token ? await manager.getRepository(UserEntity).findOneBy({ id: token.userId }) : null;
    const verdict = refreshVerdict(token, user?.active ?? false, new Date());
    if (verdict === 'reused') await this.revokeFamily(manager, token!.familyId);
    if (verdict !== 'rotate') return { verdict, token };
    const next = await this.issue(manager, token!.userId, origin, token!.familyId);
    await manager.getRepository(RefreshTokenEntity).update({ id: token!.id }, { revokedAt: new Date(), replacedById: next.row.id });
    return { verdict, user: user!, refreshToken: next.token };
  }

  /** A sign-out: this token stops working. Answers the token's row when it was live. */
  async revoke(presented: string): Promise<RefreshTokenEntity | null> {
    const repo = this.dataSource.getRepository(RefreshTokenEntity);
    const token = await repo.findOneBy({ tokenHash: hashToken(presented), revokedAt: IsNull() });
    if (!token) return null;
    // Conditional, so two sign-outs at once record one.
    const { affected } = await repo.update({ id: token.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return affected ? token : null;
  }

  /** Every live token of a user (deactivated). */
  async revokeAllOf(manager: EntityManager, userId: string): Promise<number> {
    const result = await manager.getRepository(RefreshTokenEntity).update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.getRepository(RefreshTokenEntity).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
