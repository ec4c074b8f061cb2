import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DurableEventName, ServerEventPayloads, SyncAck, SyncedEvent } from '@rapport/shared';
import { RedisService } from '../../core/redis.service.js';
import { isSupervisor, type AuthUser } from '../auth/auth-user.js';
import type { Audience } from './audience.js';
import { EventEntity } from './event.entity.js';

/** Any fixed number: the transaction-level lock that makes commit order equal seq order. */
const EVENT_LOG_LOCK = 72_410_001;
const SYNC_PAGE = 1000;

type PayloadOf<K extends DurableEventName> = Omit<ServerEventPayloads[K], 'seq'>;

export interface LoggedEvent {
  seq: number;
  type: DurableEventName;
  payload: Record<string, unknown>;
  audience: Audience;
}

/** Writes the event log inside the caller's transaction and tells every process when new events commit. */
@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
  ) {}

  get notifyChannel(): string {
    return this.redis.key('events');
  }

  /**
   * Appends an event in the caller's transaction. The advisory lock is held until commit, so a
   * reader that sees seq N has already seen every committed seq below it: replay has no holes.
   */
  async append<K extends DurableEventName>(manager: EntityManager, type: K, payload: PayloadOf<K>, audience: Audience): Promise<number> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [EVENT_LOG_LOCK]);
    const rows: Array<{ seq: string }> = await manager.query(
      'INSERT INTO events (type, payload, audience_user_ids, audience_team_ids) VALUES ($1, $2, $3, $4) RETURNING seq',
      [type, JSON.stringify(payload), audience.userIds, audience.teamIds],
    );
    return Number(rows[0]!.seq);
  }

  /** Called after a commit that appended events: wakes the relays of every API process. */
  async committed(): Promise<void> {
    await this.redis.client.publish(this.notifyChannel, '1').catch((err: unknown) => this.logger.warn(`event notify failed: ${String(err)}`));
  }

  async latestSeq(): Promise<number> {
    const rows: Array<{ seq: string | null }> = await this.dataSource.query('SELECT max(seq) AS seq FROM events');
    return Number(rows[0]?.seq ?? 0);
  }

  /** Events after `afterSeq` in order, for the relay. */
  async after(afterSeq: number, limit = 500): Promise<LoggedEvent[]> {
    const rows = await this.dataSource.getRepository(EventEntity).createQueryBuilder('e').where('e.seq > :afterSeq', { afterSeq }).orderBy('e.seq', 'ASC').limit(limit).getMany();
    return rows.map(toLogged);
  }

  /** What one user missed since `sinceSeq`, only the events they may hear. */
  async missedBy(user: AuthUser, sinceSeq: number): Promise<SyncAck> {
    // Read the high-water mark first, so that `latestSeq` never claims an event the page did not read.
    const latestSeq = await this.latestSeq();
    const query = this.dataSource
      .getRepository(EventEntity)
      .createQueryBuilder('e')
      .where('e.seq > :sinceSeq AND e.seq <= :latestSeq', { sinceSeq, latestSeq })
      .orderBy('e.seq', 'ASC')
      .limit(SYNC_PAGE + 1);
    if (!isSupervisor(user)) {
      query.andWhere('(e.audience_user_ids && ARRAY[:userId]::uuid[] OR e.audience_team_ids && :teamIds::uuid[])', {
        userId: user.id,
        teamIds: user.teamIds,
      });
    }
    const rows = await query.getMany();
    const truncated = rows.length > SYNC_PAGE;
    const events = rows.slice(0, SYNC_PAGE).map((e) => ({ seq: Number(e.seq), type: e.type, payload: { ...e.payload, seq: Number(e.seq) } }) as SyncedEvent);
    return { events, latestSeq, truncated };
  }
}

function toLogged(e: EventEntity): LoggedEvent {
  return { seq: Number(e.seq), type: e.type, payload: e.payload, audience: { userIds: e.audienceUserIds, teamIds: e.audienceTeamIds } };
}
