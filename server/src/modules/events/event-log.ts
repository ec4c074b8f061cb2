import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DurableEventName, ServerEventPayloads, SyncAck, SyncedEvent } from '@rapport/shared';
import { RedisService } from '../../core/redis.service.js';
import { seesAllTeams, type AuthUser } from '../auth/auth-user.js';
import type { Audience } from './audience.js';

const SYNC_PAGE = 1000;
const DRAWN_SEQ = 'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS seq FROM events_seq_seq';
/** How often a reader checks again whether the writers it waits for have finished. */
const SETTLE_POLL_MS = 5;
const SLOW_WRITER_WARN_MS = 5000;

export type PayloadOf<K extends DurableEventName> = Omit<ServerEventPayloads[K], 'seq'>;

export interface NewEvent {
  type: DurableEventName;
  payload: Record<string, unknown>;
  audience: Audience;
}

export interface LoggedEvent extends NewEvent {
  seq: number;
}

interface EventRow {
  seq: string;
  type: DurableEventName;
  payload: Record<string, unknown>;
  audience_user_ids: string[];
  audience_team_ids: string[];
  audience_lead_team_ids: string[];
}

/**
 * The event log: one increasing `seq` across the deployment, written by any number of transactions in
 * parallel (no lock), read gaplessly in `seq` order.
 *
 * Why reading is safe without a writer lock: a writer takes its transaction id before it draws a seq
 * (see `append`). A reader notes the newest seq drawn so far (L), then takes a transaction id X; every
 * writer that drew a seq up to L has an id below X. Once no transaction below X is running, none can still
 * commit an event with seq ≤ L, so the events up to L it sees are all there will ever be. A later writer
 * draws a seq above L.
 */
@Injectable()
export class EventLog {
  private readonly logger = new Logger(EventLog.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
  ) {}

  /** The Redis channel that wakes the relays of every API process after a commit. */
  get notifyChannel(): string {
    return this.redis.key('events');
  }

  /** Appends events in the caller's transaction, in the given order, in one statement. */
  async append(manager: EntityManager, events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    // The materialized CTE assigns the transaction id before the rows draw their seq (the column default),
    // so a reader that sees this seq drawn also sees this transaction as running until it ends.
    await manager.query(
      `WITH tx AS MATERIALIZED (SELECT pg_current_xact_id() AS id)
       INSERT INTO events (type, payload, audience_user_ids, audience_team_ids, audience_lead_team_ids)
       SELECT e.type, e.payload, ARRAY(SELECT jsonb_array_elements_text(e.user_ids))::uuid[], ARRAY(SELECT jsonb_array_elements_text(e.team_ids))::uuid[],
         ARRAY(SELECT jsonb_array_elements_text(e.lead_team_ids))::uuid[]
       FROM tx, jsonb_to_recordset($1::jsonb) AS e(n int, type text, payload jsonb, user_ids jsonb, team_ids jsonb, lead_team_ids jsonb)
       WHERE tx.id IS NOT NULL
       ORDER BY e.n`,
      [JSON.stringify(events.map((e, n) => ({ n, type: e.type, payload: e.payload, user_ids: e.audience.userIds, team_ids: e.audience.teamIds, lead_team_ids: e.audience.leadTeamIds })))],
    );
  }

  /** Called after a commit that appended events. */
  async announce(): Promise<void> {
    await this.redis.client.publish(this.notifyChannel, '1').catch((err: unknown) => this.logger.warn(`event notify failed: ${String(err)}`));
  }

  /**
   * The newest seq below which the log can no longer change: every event up to it is committed and
   * visible, or was rolled back for good. Waits (milliseconds, as long as the slowest running writer).
   */
  async stableSeq(): Promise<number> {
    // Read the seq, then take a transaction id of our own: every writer that drew a seq up to it had its
    // id before ours. (A snapshot's list of running transactions would miss the newest ones.) Nothing is
    // written, so the commit need not wait for the disk.
    const runner = this.dataSource.createQueryRunner();
    let results: Array<{ rows: Array<Record<string, string>> }>;
    try {
      // The pg client itself: one round trip for the whole multi-statement text.
      const client = (await runner.connect()) as { query: (sql: string) => Promise<typeof results> };
      results = await client.query(`BEGIN; SET LOCAL synchronous_commit = off; ${DRAWN_SEQ}; SELECT pg_current_xact_id()::text AS xid; COMMIT`).catch(async (err: unknown) => {
        // A failed statement leaves the transaction open: end it before the connection goes back to the pool.
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      });
    } finally {
      await runner.release();
    }
    const drawn = results[2]!.rows[0]!.seq!;
    const mine = results[3]!.rows[0]!.xid!;
    await this.waitForAllBefore(mine);
    return Number(drawn);
  }

  /** The newest seq any transaction has drawn, committed or not. */
  async drawnSeq(): Promise<number> {
    const rows: Array<{ seq: string }> = await this.dataSource.query(DRAWN_SEQ);
    return Number(rows[0]?.seq ?? 0);
  }

  /** Until every transaction with a lower id has ended and new snapshots see what it committed. */
  private async waitForAllBefore(xid: string): Promise<void> {
    const started = Date.now();
    let warned = false;
    for (;;) {
      const rows: Array<{ done: boolean }> = await this.dataSource.query('SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS done', [xid]);
      if (rows[0]?.done) return;
      if (!warned && Date.now() - started > SLOW_WRITER_WARN_MS) {
        warned = true;
        this.logger.warn(`live events wait for a long-running transaction (older than ${xid}) to end`);
      }
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
  }

  /** Events in (afterSeq, upToSeq], oldest first: call with `upToSeq` from `stableSeq`. */
  async between(afterSeq: number, upToSeq: number, limit: number): Promise<LoggedEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      'SELECT seq, type, payload, audience_user_ids, audience_team_ids, audience_lead_team_ids FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3',
      [afterSeq, upToSeq, limit],
    );
    return rows.map((e) => ({
      seq: Number(e.seq),
      type: e.type,
      payload: e.payload,
      audience: { userIds: e.audience_user_ids, teamIds: e.audience_team_ids, leadTeamIds: e.audience_lead_team_ids },
    }));
  }

  /** What one user missed since `sinceSeq`, only the events they may hear. */
  async missedBy(user: AuthUser, sinceSeq: number): Promise<SyncAck> {
    const latestSeq = await this.stableSeq();
    // The same rooms as live delivery: see `roomsOf`.
    const leadTeams = user.role === 'lead' ? user.teamIds : [];
    const audienceFilter = seesAllTeams(user) ? '' : 'AND (audience_user_ids && ARRAY[$4]::uuid[] OR audience_team_ids && $5::uuid[] OR audience_lead_team_ids && $6::uuid[])';
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT seq, type, payload FROM events WHERE seq > $1 AND seq <= $2 ${audienceFilter} ORDER BY seq LIMIT $3`,
      [sinceSeq, latestSeq, SYNC_PAGE + 1, ...(seesAllTeams(user) ? [] : [user.id, user.teamIds, leadTeams])],
    );
    const truncated = rows.length > SYNC_PAGE;
    const events = rows.slice(0, SYNC_PAGE).map((e) => ({ seq: Number(e.seq), type: e.type, payload: { ...e.payload, seq: Number(e.seq) } }) as SyncedEvent);
    return { events, latestSeq, truncated };
  }
}
