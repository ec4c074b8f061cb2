import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, IsNull, Not, type FindOptionsWhere } from 'typeorm';
import { TeamEntity } from '../auth/team.entity.js';
import { CannedResponseEntity } from './canned-response.entity.js';
import type { CannedScope } from './domain/canned-access.js';

/** The `canned_responses` table. */
@Injectable()
export class CannedResponsesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(CannedResponseEntity);
  }

  /** The replies of the scope's teams and the ones for every team, matching `q` in shortcut or title. */
  list(scope: CannedScope, q: string | undefined): Promise<CannedResponseEntity[]> {
    const qb = this.repo.createQueryBuilder('r');
    const teamIds = scope.teamIds;
    if (teamIds !== null) {
      qb.where(
        new Brackets((w) => {
          w.where('r.team_id IS NULL');
          if (teamIds.length) w.orWhere('r.team_id IN (:...teamIds)', { teamIds });
        }),
      );
    }
    const search = q?.replace(/^\//, '');
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('r.shortcut ILIKE :like', { like }).orWhere('r.title ILIKE :like', { like })));
    }
    // A team's own reply before the one for every team with the same shortcut.
    return qb.orderBy('r.shortcut', 'ASC').addOrderBy('r.team_id', 'ASC', 'NULLS LAST').getMany();
  }

  byId(id: string): Promise<CannedResponseEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** The reply that already uses this shortcut in this scope (another than `exceptId`). */
  holderOf(shortcut: string, teamId: string | null, exceptId?: string): Promise<CannedResponseEntity | null> {
    const where: FindOptionsWhere<CannedResponseEntity> = { shortcut, teamId: teamId === null ? IsNull() : teamId, ...(exceptId ? { id: Not(exceptId) } : {}) };
    return this.repo.findOneBy(where);
  }

  teamExists(teamId: string): Promise<boolean> {
    return this.dataSource.getRepository(TeamEntity).existsBy({ id: teamId });
  }

  insert(fields: Pick<CannedResponseEntity, 'shortcut' | 'title' | 'body' | 'teamId' | 'language'>): Promise<CannedResponseEntity> {
    return this.repo.save(this.repo.create(fields));
  }

  save(entity: CannedResponseEntity): Promise<CannedResponseEntity> {
    return this.repo.save(entity);
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }
}
