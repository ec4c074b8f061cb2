import { describe, expect, it } from '@jest/globals';
import type { ConversationSla } from '@rapport/shared';
import { earliestDue, formatDuration, slaStatus, type SlaTone } from './sla-status';

const NOW = Date.parse('2025-03-10T12:00:00.000Z');
const MIN = 60_000;
const at = (minutesFromNow: number) => new Date(NOW + minutesFromNow * MIN).toISOString();
const sla = (due: Partial<Omit<ConversationSla, 'policyId' | 'breaches'>>): ConversationSla => ({ policyId: 'p', breaches: [], ...due });
/** Due times with the targets the server sends beside them: one hour to answer first, eight to resolve. */
const firstResponseIn = (minutes: number) => sla({ firstResponseDueAt: at(minutes), firstResponseSeconds: 3600 });

describe('formatDuration', () => {
  it.each([
    [0, '<1 min'],
    [59_999, '<1 min'],
    [MIN, '1 min'],
    [12 * MIN + 59_000, '12 min'],
    [60 * MIN, '1 h'],
    [125 * MIN, '2 h 5 min'],
    [24 * 60 * MIN, '1 d'],
    [(3 * 24 + 4) * 60 * MIN + 30 * MIN, '3 d 4 h'],
    [-5 * MIN, '<1 min'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('earliestDue', () => {
  it('picks the running clock due first and skips missing or broken times', () => {
    expect(earliestDue(sla({ firstResponseDueAt: at(30), resolutionDueAt: at(10) }))).toEqual({ metric: 'resolution', dueAt: NOW + 10 * MIN });
    expect(earliestDue(sla({ nextReplyDueAt: 'not a date', resolutionDueAt: at(90) }))?.metric).toBe('resolution');
    expect(earliestDue(sla({}))).toBeNull();
    expect(earliestDue(null)).toBeNull();
  });
});

describe('slaStatus', () => {
  it.each<[string, ConversationSla | null, SlaTone | null, string | null]>([
    ['no policy', null, null, null],
    ['no clock running (paused or answered)', sla({}), null, null],
    ['plenty left of a one-hour target', firstResponseIn(40), 'ok', '40 min left'],
    ['amber from exactly a quarter left', firstResponseIn(15), 'warning', '15 min left'],
    ['just over a quarter left', firstResponseIn(15.5), 'ok', '15 min left'],
    ['under a quarter left', firstResponseIn(12), 'warning', '12 min left'],
    ['seconds left', firstResponseIn(0.5), 'warning', '<1 min left'],
    ['due this instant', firstResponseIn(0), 'breached', 'Breached just now'],
    ['breached a while ago', firstResponseIn(-5), 'breached', 'Breached 5 min ago'],
    ['breached hours ago', firstResponseIn(-125), 'breached', 'Breached 2 h 5 min ago'],
    ['an eight-hour resolution with 90 min left is amber', sla({ resolutionDueAt: at(90), resolutionSeconds: 8 * 3600 }), 'warning', '1 h 30 min left'],
    ['a 30-min target with 15 min left (half) is calm', sla({ firstResponseDueAt: at(15), firstResponseSeconds: 1800 }), 'ok', '15 min left'],
    ['a 30-min target turns amber under 7.5 min left', sla({ firstResponseDueAt: at(7), firstResponseSeconds: 1800 }), 'warning', '7 min left'],
    ['a 10-min target is calm at its start', sla({ nextReplyDueAt: at(10), nextReplySeconds: 600 }), 'ok', '10 min left'],
    ['a 10-min target turns amber under 2.5 min left', sla({ nextReplyDueAt: at(2), nextReplySeconds: 600 }), 'warning', '2 min left'],
    ['the clock due first goes by its own target', sla({ firstResponseDueAt: at(12), firstResponseSeconds: 600, resolutionDueAt: at(30), resolutionSeconds: 3600 }), 'ok', '12 min left'],
  ])('%s', (_name, value, tone, label) => {
    const status = slaStatus(value, NOW);
    expect(status?.tone ?? null).toBe(tone);
    expect(status?.label ?? null).toBe(label);
  });

  it('names the clock and the risk for screen readers', () => {
    expect(slaStatus(firstResponseIn(40), NOW)?.description).toBe('SLA first response: 40 min left');
    expect(slaStatus(sla({ nextReplyDueAt: at(5), nextReplySeconds: 1800 }), NOW)?.description).toBe('SLA next reply at risk: 5 min left');
    expect(slaStatus(sla({ resolutionDueAt: at(-3), resolutionSeconds: 3600 }), NOW)?.description).toBe('SLA resolution breached 3 min ago');
  });

  it('says when the tone changes next', () => {
    expect(slaStatus(firstResponseIn(40), NOW)?.changesAt).toBe(NOW + 25 * MIN);
    expect(slaStatus(sla({ firstResponseDueAt: at(40), firstResponseSeconds: 1800 }), NOW)?.changesAt).toBe(NOW + 32.5 * MIN);
    expect(slaStatus(firstResponseIn(10), NOW)?.changesAt).toBe(NOW + 10 * MIN);
    expect(slaStatus(firstResponseIn(-1), NOW)?.changesAt).toBeNull();
  });
});
