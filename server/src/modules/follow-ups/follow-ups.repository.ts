import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { ActivityCursor } from '../conversations/domain/cursor.js';
import { FollowUpEntity } from './follow-up.entity.js';

export type FollowUpChanges = Partial<Omit<FollowUpEntity, 'conversation' | 'createdBy'>>;

/** Whose follow-ups a list shows: one user's (or everyone's), or one conversation's. */
export type FollowUpScope = { userId: string | null } | { conversationId: string };

/** The follow_ups table. */
@Injectable()
export class FollowUpsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(FollowUpEntity);
  }

  async insert(manager: EntityManager, fields: FollowUpChanges & { id: string }): Promise<FollowUpEntity> {
    await this.repo(manager).insert(fields);
    return (await this.repo(manager).findOneBy({ id: fields.id }))!;
  }

  findById(id: string, manager?: EntityManager): Promise<FollowUpEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** Firing and cancelling take turns on one follow-up: it fires once, or not at all once cancelled. */
  lockForUpdate(manager: EntityManager, id: string): Promise<FollowUpEntity | null> {
    return this.repo(manager).createQueryBuilder('f').setLock('pessimistic_write').where('f.id = :id', { id }).getOne();
  }

  async update(manager: EntityManager, id: string, changes: FollowUpChanges): Promise<void> {
    await this.repo(manager).update({ id }, changes);
  }

  /**
   * Scheduled and due follow-ups, soonest first, after the cursor. A user's are those of the conversations
   * assigned to them, and those they set on conversations nobody owns; `userId: null` is everyone's.
   */
  page(scope: FollowUpScope, limit: number, after: ActivityCursor | null): Promise<FollowUpEntity[]> {
    const qb: SelectQueryBuilder<FollowUpEntity> = this.repo().createQueryBuilder('f').where("f.status <> 'cancelled'");
    if ('conversationId' in scope) qb.andWhere('f.conversation_id = :conversationId', { conversationId: scope.conversationId });
    else if (scope.userId) {
      const userId = scope.userId;
      qb.innerJoin('f.conversation', 'c').andWhere(
        new Brackets((w) => {
          w.where('c.assignee_id = :userId', { userId }).orWhere('(c.assignee_id IS NULL AND f.created_by_id = :userId)', { userId });
        }),
      );
    }
    if (after) qb.andWhere('(f.due_at, f.id) > (:at, :id)', { at: after.at, id: after.id });
    return qb.orderBy('f.due_at', 'ASC').addOrderBy('f.id', 'ASC').limit(limit).getMany();
  }
}
