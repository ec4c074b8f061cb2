import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditAction, AuditEntry, ListAuditQuery, Page } from '@rapport/shared';
import type { RequestOrigin } from '../../common/request-origin.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { isEntryId } from './domain/audit-cursor.js';

/** Who did it: a signed-in user, someone who only gave an email (a failed login), or the system (null). */
export type AuditActor = { id: string | null; email: string | null } | null;

export interface AuditRecord {
  action: AuditAction;
  actor: AuditActor;
  origin?: RequestOrigin | null;
  target?: { type: string; id: string } | null;
  details?: Record<string, unknown>;
}

const toDto = (row: AuditEntryEntity): AuditEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  action: row.action,
  actorId: row.actorId,
  actorEmail: row.actorEmail,
  targetType: row.targetType,
  targetId: row.targetId,
  details: row.details,
  ip: row.ip,
  userAgent: row.userAgent,
});

/** The record of who changed access, channels, assignments and customers' data: written, never edited. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass the transaction's manager so the entry commits (or rolls back) with the change it describes. */
  async record(entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const repo = manager.getRepository(AuditEntryEntity);
    await repo.save(
      repo.create({
        action: entry.action,
        actorId: entry.actor?.id ?? null,
        actorEmail: entry.actor?.email?.slice(0, 320) ?? null,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        details: entry.details ?? {},
        ip: entry.origin?.ip?.slice(0, 64) ?? null,
        userAgent: entry.origin?.userAgent ?? null,
      }),
    );
  }

  /** Newest first; the cursor is the last entry's id. */
  async list(query: ListAuditQuery): Promise<Page<AuditEntry>> {
    if (query.cursor !== undefined && !isEntryId(query.cursor)) throw new BadRequestException('cursor: not a cursor from this list');
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) throw new BadRequestException('from must be before to');
    const q = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(query.limit + 1);
    if (query.action) q.andWhere('a.action = :action', { action: query.action });
    if (query.actorId) q.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.targetId) q.andWhere('a.targetId = :targetId', { targetId: query.targetId });
    if (query.from) q.andWhere('a.at >= :from', { from: new Date(query.from) });
    if (query.to) q.andWhere('a.at < :to', { to: new Date(query.to) });
    if (query.cursor) q.andWhere('a.id < :cursor', { cursor: query.cursor });
    const rows = await q.getMany();
    const page = rows.slice(0, query.limit);
    return { items: page.map(toDto), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
  }
}
