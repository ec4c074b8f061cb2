import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DeadLetter, DeadLetterPage, DeadLetterRetry, ListDeadLettersQuery } from '@rapport/shared';
import type { RequestOrigin } from '../../common/request-origin.js';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { AuditService, type AuditActor } from '../audit/audit.service.js';
import { decodeCursor, encodeCursor } from '../conversations/domain/cursor.js';
import { IngestService, type Reread } from '../ingest/ingest.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { DeadLetterEntity } from './dead-letter.entity.js';
import { DeadLettersRepository } from './dead-letters.repository.js';

export function toDeadLetterDto(row: DeadLetterEntity): DeadLetter {
  return {
    id: row.id,
    channelKind: row.channelKind,
    channelId: row.channelId,
    source: row.source,
    reason: row.reason,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    lastTriedAt: row.lastTriedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    contentType: row.contentType,
    rawBody: row.rawBody,
  };
}

/** Admins look at what Rapport could not read, and retry it once an upgrade can. */
@Injectable()
export class DeadLettersService implements OnModuleInit {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly letters: DeadLettersRepository,
    private readonly ingest: IngestService,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
  ) {}

  /** Processes serving HTTP answer the scrape; every process sees the same table. */
  onModuleInit(): void {
    if (this.config.ROLE !== 'worker') this.metrics.watchDeadLetters(() => this.letters.countPending());
  }

  async list(query: ListDeadLettersQuery): Promise<DeadLetterPage> {
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) throw new BadRequestException('cursor: not a cursor from this list');
    const [rows, pending] = await Promise.all([this.letters.page({ status: query.status, cursor, limit: query.limit }), this.letters.countPending()]);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(toDeadLetterDto), nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null, pending };
  }

  /**
   * Reads the dead letter again with today's code. Readable: its messages are stored the normal way,
   * once (what was stored before stays a duplicate), and it is resolved. Still unreadable: pending, with
   * the new reason. Either way one more attempt, audited.
   */
  async retry(id: string, by: { actor: AuditActor; origin: RequestOrigin | null }): Promise<DeadLetterRetry> {
    const letter = await this.letters.get(id);
    if (!letter) throw new NotFoundException('Dead letter not found');
    if (!(await this.letters.claim(id))) throw new ConflictException('This dead letter is being retried right now: try again in a moment');
    let reread: Reread;
    try {
      reread = await this.ingest.reread({ source: letter.source, channelId: letter.channelId, rawBody: letter.rawBody, receivedAt: letter.createdAt });
    } catch (err) {
      // Postgres or Redis failed midway: nothing is decided, the next retry starts over.
      await this.letters.release({ id, status: letter.status === 'retried' ? 'pending' : letter.status });
      throw err;
    }
    const outcome = reread.readable ? 'resolved' : 'unreadable';
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await this.letters.finish(manager, id, reread.readable ? { resolved: true } : { resolved: false, reason: reread.reason });
      await this.audit.record(
        {
          action: 'dead_letter.retried',
          ...by,
          target: { type: 'dead_letter', id },
          details: { source: row.source, channelKind: row.channelKind, outcome, attempts: row.attempts, ...(reread.readable ? { stored: reread.stored, duplicates: reread.duplicates } : {}) },
        },
        manager,
      );
      return row;
    });
    return { outcome, deadLetter: toDeadLetterDto(saved), stored: reread.readable ? reread.stored : 0, duplicates: reread.readable ? reread.duplicates : 0 };
  }
}
