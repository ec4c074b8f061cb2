import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type QueryRunner } from 'typeorm';
import { EventLog, type NewEvent } from '../src/modules/events/event-log.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** An event whose payload names it, so a reader's haul can be checked against what was committed. */
const event = (mark: string): NewEvent => ({ type: 'conversation.updated', payload: { mark }, audience: { userIds: [], teamIds: [], leadTeamIds: [] } });
const marks = (events: Array<{ payload: Record<string, unknown> }>): string[] => events.map((e) => String(e.payload.mark));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('event log: parallel writers, gapless readers', () => {
  let app: TestApp;
  let dataSource: DataSource;
  let log: EventLog;

  beforeAll(async () => {
    app = await startTestApp({ ROLE: 'api' });
    dataSource = app.app.context.get(DataSource);
    log = app.app.context.get(EventLog);
  });

  afterAll(async () => {
    await app.close();
  });

  /** A writer on a connection of its own, holding its transaction open until told. */
  async function openWriter(...mark: string[]): Promise<QueryRunner> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await log.append(runner.manager, mark.map(event));
    return runner;
  }

  async function finish(runner: QueryRunner, how: 'commit' | 'rollback'): Promise<void> {
    if (how === 'commit') await runner.commitTransaction();
    else await runner.rollbackTransaction();
    await runner.release();
  }

  it('does not pass a seq whose transaction is still open, even when a later one committed first', async () => {
    const start = await log.stableSeq();
    const early = await openWriter('early'); // draws the lower seq
    const late = await openWriter('late');
    await finish(late, 'commit');

    let stable: number | null = null;
    const reading = log.stableSeq().then((seq) => (stable = seq));
    await pause(300);
    // `late` is visible, but handing it out now would skip `early` for good if it commits next.
    expect(stable).toBeNull();

    await finish(early, 'commit');
    await reading;
    const events = await log.between(start, stable!, 100);
    expect(marks(events)).toEqual(['early', 'late']);
    expect(events[0]!.seq).toBeLessThan(events[1]!.seq);
  });

  it('passes over a rolled-back seq and never shows its events', async () => {
    const start = await log.stableSeq();
    const doomed = await openWriter('doomed');
    const kept = await openWriter('kept');
    await finish(doomed, 'rollback');
    await finish(kept, 'commit');
    expect(marks(await log.between(start, await log.stableSeq(), 100))).toEqual(['kept']);
  });

  it('keeps the order of several events of one transaction', async () => {
    const start = await log.stableSeq();
    await finish(await openWriter('first', 'second', 'third'), 'commit');
    const events = await log.between(start, await log.stableSeq(), 100);
    expect(marks(events)).toEqual(['first', 'second', 'third']);
  });

  it('delivers every committed event once, in seq order, to readers polling while many connections commit in any order', async () => {
    const start = await log.stableSeq();
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    let writing = true;

    // Readers like the relay: read up to the stable seq, move the cursor there, again.
    const reader = async (): Promise<Array<{ seq: number; mark: string }>> => {
      const seen: Array<{ seq: number; mark: string }> = [];
      let cursor = start;
      for (let more = true; more; ) {
        more = writing;
        const stable = await log.stableSeq();
        for (;;) {
          const page = await log.between(cursor, stable, 200);
          for (const e of page) seen.push({ seq: e.seq, mark: String(e.payload.mark) });
          cursor = page.at(-1)?.seq ?? cursor;
          if (page.length < 200) break;
        }
        cursor = Math.max(cursor, stable);
      }
      return seen;
    };

    const writer = async (w: number): Promise<void> => {
      for (let t = 0; t < 40; t++) {
        const mark = Array.from({ length: 1 + ((w + t) % 3) }, (_, i) => `w${w}-t${t}-e${i}`);
        const runner = await openWriter(...mark);
        // Random hold times make transactions commit out of seq order.
        await pause(Math.floor(Math.random() * 15));
        const rollback = (w * 40 + t) % 11 === 0;
        await finish(runner, rollback ? 'rollback' : 'commit');
        for (const m of mark) (rollback ? rolledBack : committed).add(m);
      }
    };

    const readers = [reader(), reader()];
    await Promise.all(Array.from({ length: 6 }, (_, w) => writer(w)));
    writing = false;
    const hauls = await Promise.all(readers);

    expect(rolledBack.size).toBeGreaterThan(0);
    for (const seen of hauls) {
      const seqs = seen.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(new Set(seen.map((e) => e.mark))).toEqual(committed);
      expect(seen).toHaveLength(committed.size);
    }
  });
});
