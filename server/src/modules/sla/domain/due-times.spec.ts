import { describe, expect, it } from '@jest/globals';
import type { BusinessCalendar } from '../../metrics/domain/business-hours.js';
import { computeCycles, type ClockFact } from '../../metrics/domain/clocks.js';
import { dueTimes, earliestDue, type SlaThresholds } from './due-times.js';

const always: BusinessCalendar = { timezone: 'UTC', businessHours: {} };
const weekdays = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] } as BusinessCalendar['businessHours'];
const nineToFive: BusinessCalendar = { timezone: 'UTC', businessHours: weekdays };
const madrid: BusinessCalendar = { timezone: 'Europe/Madrid', businessHours: weekdays };
const at = (iso: string) => new Date(iso);
const customer = (iso: string): ClockFact => ({ kind: 'customer', at: at(iso) });
const reply = (iso: string): ClockFact => ({ kind: 'reply', at: at(iso), agentId: 'agent-1' });
const status = (iso: string, s: 'open' | 'pending' | 'resolved'): ClockFact => ({ kind: 'status', at: at(iso), status: s });
const policy = (p: Partial<SlaThresholds>): SlaThresholds => ({ firstResponseSeconds: null, nextReplySeconds: null, resolutionSeconds: null, businessHoursOnly: false, ...p });

function due(facts: ClockFact[], thresholds: Partial<SlaThresholds>, calendar = always) {
  const running = computeCycles(facts, calendar).at(-1)?.running ?? null;
  const times = dueTimes(running, policy(thresholds), calendar);
  return Object.fromEntries(Object.entries(times).map(([metric, d]) => [metric, d.dueAt.toISOString()]));
}

// Monday 2026-01-05 … Friday 2026-01-09.
describe('dueTimes', () => {
  it.each([
    ['first response and resolution run from the first message', [customer('2026-01-05T10:00:00Z')], { firstResponseSeconds: 3600, resolutionSeconds: 86400 }, always, { firstResponse: '2026-01-05T11:00:00.000Z', resolution: '2026-01-06T10:00:00.000Z' }],
    ['a threshold the policy leaves out has no due time', [customer('2026-01-05T10:00:00Z')], { firstResponseSeconds: 600 }, always, { firstResponse: '2026-01-05T10:10:00.000Z' }],
    ['a reply stops the first response; the next wait has its own due time', [customer('2026-01-05T10:00:00Z'), reply('2026-01-05T10:05:00Z'), customer('2026-01-05T11:00:00Z')], { firstResponseSeconds: 600, nextReplySeconds: 1800 }, always, { nextReply: '2026-01-05T11:30:00.000Z' }],
    ['no next-reply due time while the customer has not written again', [customer('2026-01-05T10:00:00Z'), reply('2026-01-05T10:05:00Z')], { nextReplySeconds: 1800 }, always, {}],
    ['business hours: Friday 16:30 + 1 h is Monday 09:30', [customer('2026-01-09T16:30:00Z')], { firstResponseSeconds: 3600, businessHoursOnly: true }, nineToFive, { firstResponse: '2026-01-12T09:30:00.000Z' }],
    ['business hours before opening start at opening', [customer('2026-01-05T06:00:00Z')], { firstResponseSeconds: 900, businessHoursOnly: true }, nineToFive, { firstResponse: '2026-01-05T09:15:00.000Z' }],
    ['business hours in the team’s timezone (09:00 Madrid is 08:00 UTC in winter)', [customer('2026-01-05T06:00:00Z')], { firstResponseSeconds: 900, businessHoursOnly: true }, madrid, { firstResponse: '2026-01-05T08:15:00.000Z' }],
    ['a wall-clock policy ignores business hours', [customer('2026-01-09T16:30:00Z')], { firstResponseSeconds: 3600 }, nineToFive, { firstResponse: '2026-01-09T17:30:00.000Z' }],
    [
      'pending pauses resolution: the 20 minutes paused move the due time',
      [customer('2026-01-05T10:00:00Z'), reply('2026-01-05T10:05:00Z'), status('2026-01-05T10:10:00Z', 'pending'), status('2026-01-05T10:30:00Z', 'open')],
      { resolutionSeconds: 3600 },
      always,
      { resolution: '2026-01-05T11:20:00.000Z' },
    ],
    ['a paused clock short of its threshold has no due time', [customer('2026-01-05T10:00:00Z'), reply('2026-01-05T10:05:00Z'), status('2026-01-05T10:10:00Z', 'pending')], { resolutionSeconds: 3600 }, always, {}],
    [
      'a paused clock past its threshold keeps the past due time (it breached)',
      [customer('2026-01-05T10:00:00Z'), reply('2026-01-05T10:05:00Z'), status('2026-01-05T12:00:00Z', 'pending')],
      { resolutionSeconds: 3600 },
      always,
      { resolution: '2026-01-05T11:00:00.000Z' },
    ],
    ['a resolved conversation has no due times', [customer('2026-01-05T10:00:00Z'), status('2026-01-05T10:10:00Z', 'resolved')], { firstResponseSeconds: 600, resolutionSeconds: 3600 }, always, {}],
    [
      'a reopened conversation starts a new cycle with fresh due times',
      [customer('2026-01-05T10:00:00Z'), reply('2026-01-05T10:01:00Z'), status('2026-01-05T10:10:00Z', 'resolved'), customer('2026-01-06T08:00:00Z')],
      { firstResponseSeconds: 600 },
      always,
      { firstResponse: '2026-01-06T08:10:00.000Z' },
    ],
  ] as const)('%s', (_why, facts, thresholds, calendar, expected) => {
    expect(due([...facts], thresholds, calendar)).toEqual(expected);
  });

  it('names the run of the clock each due time belongs to, and the earliest of them', () => {
    const running = computeCycles([customer('2026-01-05T10:00:00Z')], always)[0]!.running;
    const times = dueTimes(running, policy({ firstResponseSeconds: 600, resolutionSeconds: 3600 }), always);
    expect(times.firstResponse?.clockStartedAt.toISOString()).toBe('2026-01-05T10:00:00.000Z');
    expect(earliestDue(times)?.toISOString()).toBe('2026-01-05T10:10:00.000Z');
    expect(earliestDue({})).toBeNull();
  });
});
