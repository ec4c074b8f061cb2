import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import type { DurableEventName } from '@rapport/shared';
import type { Audience } from './audience.js';
import { EventLog, type NewEvent, type PayloadOf } from './event-log.js';

const DEADLOCK = '40P01';
const ATTEMPTS = 3;

/** One change in progress: its transaction, the events clients will hear, and work for after the commit. */
export class Tx {
  readonly events: NewEvent[] = [];
  readonly followUps: Array<() => Promise<unknown>> = [];

  constructor(readonly manager: EntityManager) {}

  /** Clients hear this event once the change commits (in the order published). */
  publish<K extends DurableEventName>(type: K, payload: PayloadOf<K>, audience: Audience): void {
    this.events.push({ type, payload: payload as Record<string, unknown>, audience });
  }

  /** Runs after the commit, e.g. queueing a job that needs the committed rows. */
  afterCommit(work: () => Promise<unknown>): void {
    this.followUps.push(work);
  }
}

/**
 * The one way to write a change that clients must hear: the work runs in a transaction, its events are
 * appended at the end of it, and the relays are woken and follow-up work queued only after the commit.
 */
@Injectable()
export class Transactions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly log: EventLog,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const done = await this.attempt(work, attempt);
      if (!done) continue;
      if (done.tx.events.length > 0) await this.log.announce();
      for (const next of done.tx.followUps) await next();
      return done.value;
    }
  }

  /** One try; null when Postgres broke a deadlock by aborting us and another try is left. */
  private async attempt<T>(work: (tx: Tx) => Promise<T>, attempt: number): Promise<{ tx: Tx; value: T } | null> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const tx = new Tx(manager);
        const value = await work(tx);
        await this.log.append(manager, tx.events);
        return { tx, value };
      });
    } catch (err) {
      if (attempt < ATTEMPTS && err instanceof QueryFailedError && (err.driverError as { code?: string } | undefined)?.code === DEADLOCK) return null;
      throw err;
    }
  }
}
