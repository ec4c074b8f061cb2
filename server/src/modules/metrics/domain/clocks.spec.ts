import { describe, expect, it } from '@jest/globals';
import type { BusinessCalendar } from './business-hours.js';
import { computeCycles, type ClockFact } from './clocks.js';

const always: BusinessCalendar = { timezone: 'UTC', businessHours: {} };
const nineToFive: BusinessCalendar = { timezone: 'UTC', businessHours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] } };
/** Monday 2026-01-05 at hh:mm UTC. */
const mon = (hhmm: string) => new Date(`2026-01-05T${hhmm}:00Z`);
const customer = (at: Date): ClockFact => ({ kind: 'customer', at });
const reply = (at: Date, agentId = 'agent-1'): ClockFact => ({ kind: 'reply', at, agentId });
const status = (at: Date, s: 'open' | 'pending' | 'snoozed' | 'resolved'): ClockFact => ({ kind: 'status', at, status: s });
const M = 60;

describe('computeCycles', () => {
  it('times the first response from the customer’s first message to the first public reply', () => {
    const [cycle] = computeCycles([customer(mon('10:00')), customer(mon('10:05')), reply(mon('10:12'))], always);
    expect(cycle!.firstResponse).toMatchObject({ wallSeconds: 12 * M, businessSeconds: 12 * M, agentId: 'agent-1' });
    expect(cycle!.nextReplies).toEqual([]);
  });

  it('never lets a private note or an automated message stop a clock, and says why', () => {
    const facts: ClockFact[] = [customer(mon('10:00')), { kind: 'ignored', at: mon('10:01'), what: 'automated' }, { kind: 'ignored', at: mon('10:02'), what: 'note' }, reply(mon('10:30'))];
    const [cycle] = computeCycles(facts, always);
    expect(cycle!.firstResponse!.wallSeconds).toBe(30 * M);
    expect(cycle!.events.filter((e) => e.kind === 'ignored').map((e) => e.why)).toEqual(['an automated message does not count as a reply', 'a private note does not answer the customer']);
  });

  it('times each next reply from the first unanswered customer message', () => {
    const facts = [customer(mon('10:00')), reply(mon('10:10')), customer(mon('11:00')), customer(mon('11:20')), reply(mon('11:30'), 'agent-2'), customer(mon('12:00')), reply(mon('12:05'))];
    const [cycle] = computeCycles(facts, always);
    expect(cycle!.nextReplies.map((v) => [v.wallSeconds, v.agentId])).toEqual([
      [30 * M, 'agent-2'],
      [5 * M, 'agent-1'],
    ]);
  });

  it('counts a wait from Friday 17:00 to Monday 09:15 as 15 business minutes', () => {
    const friday = new Date('2026-01-02T17:00:00Z');
    const [cycle] = computeCycles([customer(friday), reply(mon('09:15'))], nineToFive);
    expect(cycle!.firstResponse).toMatchObject({ wallSeconds: (2 * 24 * 60 + 16 * 60 + 15) * M, businessSeconds: 15 * M });
  });

  it('pauses next-reply and resolution clocks while pending, not the first response', () => {
    const facts = [
      customer(mon('10:00')),
      status(mon('10:05'), 'pending'),
      reply(mon('10:20')),
      customer(mon('11:00')),
      status(mon('11:00'), 'open'),
      status(mon('11:10'), 'pending'),
      status(mon('12:10'), 'open'),
      reply(mon('12:20')),
      status(mon('13:00'), 'resolved'),
    ];
    const [cycle] = computeCycles(facts, always);
    expect(cycle!.firstResponse!.wallSeconds).toBe(20 * M);
    // 11:00–11:10 and 12:10–12:20 run; the hour pending does not.
    expect(cycle!.nextReplies.map((v) => v.wallSeconds)).toEqual([20 * M]);
    // 10:00–10:05, then 11:00–11:10, then 12:10–13:00.
    expect(cycle!.resolution!.wallSeconds).toBe((5 + 10 + 50) * M);
    expect(cycle!.events.map((e) => e.kind)).toContain('paused');
  });

  it('stops every clock at resolve: an unanswered wait is not counted and nothing runs on', () => {
    const facts = [customer(mon('10:00')), reply(mon('10:10')), customer(mon('10:30')), status(mon('11:00'), 'resolved'), reply(mon('15:00'))];
    const [cycle, ...more] = computeCycles(facts, always);
    expect(more).toEqual([]);
    expect(cycle!.nextReplies).toEqual([]);
    expect(cycle!.resolution!.wallSeconds).toBe(60 * M);
    expect(cycle!.events.at(-1)).toMatchObject({ kind: 'nextReply.stopped', why: 'resolved without a reply: this wait is not counted' });
  });

  it('starts a new cycle when the customer writes after a resolve, without adding the days in between', () => {
    const tuesday = (hhmm: string) => new Date(`2026-01-06T${hhmm}:00Z`);
    const facts = [customer(mon('10:00')), reply(mon('10:10')), status(mon('10:20'), 'resolved'), customer(tuesday('09:00')), reply(tuesday('09:03')), status(tuesday('09:30'), 'resolved')];
    const cycles = computeCycles(facts, always);
    expect(cycles.map((c) => [c.startedAt.toISOString(), c.firstResponse!.wallSeconds, c.resolution!.wallSeconds])).toEqual([
      ['2026-01-05T10:00:00.000Z', 10 * M, 20 * M],
      ['2026-01-06T09:00:00.000Z', 3 * M, 30 * M],
    ]);
  });

  it('counts no first response for a conversation resolved without a reply', () => {
    const [cycle] = computeCycles([customer(mon('10:00')), status(mon('10:30'), 'resolved')], always);
    expect(cycle!.firstResponse).toBeNull();
    expect(cycle!.events.map((e) => e.why)).toContain('resolved without a reply: no first response is counted');
  });

  it('takes facts in time order whatever order they come in', () => {
    const [cycle] = computeCycles([reply(mon('10:10')), customer(mon('10:00'))], always);
    expect(cycle!.firstResponse!.wallSeconds).toBe(10 * M);
  });
});
