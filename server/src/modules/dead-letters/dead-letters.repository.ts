import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChannelKind, DeadLetterStatus } from '@rapport/shared';
import { DeadLetterEntity } from './dead-letter.entity.js';

export interface NewDeadLetter {
  channelKind: ChannelKind;
  channelId: string | null;
  source: string;
  rawBody: string;
  contentType: string;
  reason: string;
  fingerprint: string;
}

/** The newest-first position of a row: its creation time and id. */
export interface DeadLetterCursor {
  at: Date;
  id: string;
}

/** A retry left unfinished this long (its process died) may be taken over by another. */
const STALE_RETRY = "interval '5 minutes'";

/** The dead_letters table: written by the inbound worker, read and retried by admins. */
@Injectable()
export class DeadLettersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(DeadLetterEntity);
  }

  /** False when the same body from the same source is kept already (a redelivery, a job run again). */
  async insert(letter: NewDeadLetter): Promise<boolean> {
    const now = new Date();
    const result = await this.repo()
      .createQueryBuilder()
      .insert()
      .values({ ...letter, status: 'pending', attempts: 1, createdAt: now, lastTriedAt: now, resolvedAt: null })
      .orIgnore()
      .returning(['id'])
      .execute();
    return result.raw.length > 0;
  }

  get(id: string): Promise<DeadLetterEntity | null> {
    return this.repo().findOneBy({ id });
  }

  /** Newest first, after `cursor`; one row more than `limit`, to tell whether a next page exists. */
  page(query: { status?: DeadLetterStatus | undefined; cursor: DeadLetterCursor | null; limit: number }): Promise<DeadLetterEntity[]> {
    const q = this.repo().createQueryBuilder('d').orderBy('d.created_at', 'DESC').addOrderBy('d.id', 'DESC').limit(query.limit + 1);
    if (query.status) q.andWhere('d.status = :status', { status: query.status });
    if (query.cursor) q.andWhere('(d.created_at, d.id) < (:at, :id)', { at: query.cursor.at, id: query.cursor.id });
    return q.getMany();
  }

  async countPending(): Promise<number> {
    return this.repo().countBy({ status: 'pending' });
  }

  /**
   * Marks the row as being retried; null when another retry holds it. Taken over when that retry is
   * older than a few minutes (its process died midway).
   */
  async claim(id: string): Promise<DeadLetterEntity | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `UPDATE dead_letters SET status = 'retried', last_tried_at = now() WHERE id = $1 AND (status <> 'retried' OR last_tried_at < now() - ${STALE_RETRY}) RETURNING id`,
      [id],
    );
    return rows.length > 0 ? this.get(id) : null;
  }

  /** A retry that could not finish (Postgres or Redis failed): back as it was, not counted. */
  async release(letter: Pick<DeadLetterEntity, 'id' | 'status'>): Promise<void> {
    await this.repo().update({ id: letter.id, status: 'retried' }, { status: letter.status });
  }

  /** The retry's verdict: resolved, or still pending with why. */
  async finish(manager: EntityManager, id: string, verdict: { resolved: true } | { resolved: false; reason: string }): Promise<DeadLetterEntity> {
    const now = new Date();
    await this.repo(manager).increment({ id }, 'attempts', 1);
    await this.repo(manager).update(
      { id },
      verdict.resolved ? { status: 'resolved', resolvedAt: now, lastTriedAt: now } : { status: 'pending', reason: verdict.reason, resolvedAt: null, lastTriedAt: now },
    );
    return this.repo(manager).findOneByOrFail({ id });
  }
}
