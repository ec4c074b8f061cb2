import { describe, expect, it } from '@jest/globals';
import type { ConversationSla } from '@rapport/shared';
import { earliestDue, formatDuration, slaStatus, type SlaThresholds, type SlaTone } from './sla-status';

const NOW = Date.parse('2025-03-10T12:00:00.000Z');
const MIN = 60_000;
const at = (minutesFromNow: number) => new Date(NOW + minutesFromNow * MIN).toISOString();
const sla = (due: Partial<Pick<ConversationSla, 'firstResponseDueAt' | 'nextReplyDueAt' | 'resolutionDueAt'>>): ConversationSla => ({ policyId: 'p', breaches: [], ...due });
const oneHourFirstResponse: SlaThresholds = { firstResponseSeconds: 3600, nextReplySeconds: null, resolutionSeconds: 8 * 3600 };

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
  it.each<[string, ConversationSla | null, SlaThresholds | null, SlaTone | null, string | null]>([
    ['no policy', null, oneHourFirstResponse, null, null],
    ['no clock running (paused or answered)', sla({}), oneHourFirstResponse, null, null],
    ['plenty left of a one-hour target', sla({ firstResponseDueAt: at(40) }), oneHourFirstResponse, 'ok', '40 min left'],
    ['amber from exactly a quarter left', sla({ firstResponseDueAt: at(15) }), oneHourFirstResponse, 'warning', '15 min left'],
    ['just over a quarter left', sla({ firstResponseDueAt: at(15.5) }), oneHourFirstResponse, 'ok', '15 min left'],
    ['under a quarter left', sla({ firstResponseDueAt: at(12) }), oneHourFirstResponse, 'warning', '12 min left'],
    ['seconds left', sla({ firstResponseDueAt: at(0.5) }), oneHourFirstResponse, 'warning', '<1 min left'],
    ['due this instant', sla({ firstResponseDueAt: at(0) }), oneHourFirstResponse, 'breached', 'Breached just now'],
    ['breached a while ago', sla({ firstResponseDueAt: at(-5) }), oneHourFirstResponse, 'breached', 'Breached 5 min ago'],
    ['breached hours ago', sla({ firstResponseDueAt: at(-125) }), null, 'breached', 'Breached 2 h 5 min ago'],
    ['an eight-hour resolution with 90 min left is amber', sla({ resolutionDueAt: at(90) }), oneHourFirstResponse, 'warning', '1 h 30 min left'],
    ['without thresholds: calm with 20 min left', sla({ firstResponseDueAt: at(20) }), null, 'ok', '20 min left'],
    ['without thresholds: amber under 15 min', sla({ firstResponseDueAt: at(14) }), null, 'warning', '14 min left'],
    ['a clock the policy sets no threshold for falls back to 15 min', sla({ nextReplyDueAt: at(14) }), oneHourFirstResponse, 'warning', '14 min left'],
  ])('%s', (_name, value, thresholds, tone, label) => {
    const status = slaStatus(value, thresholds, NOW);
    expect(status?.tone ?? null).toBe(tone);
    expect(status?.label ?? null).toBe(label);
  });

  it('names the clock and the risk for screen readers', () => {
    expect(slaStatus(sla({ firstResponseDueAt: at(40) }), oneHourFirstResponse, NOW)?.description).toBe('SLA first response: 40 min left');
    expect(slaStatus(sla({ nextReplyDueAt: at(5) }), null, NOW)?.description).toBe('SLA next reply at risk: 5 min left');
    expect(slaStatus(sla({ resolutionDueAt: at(-3) }), null, NOW)?.description).toBe('SLA resolution breached 3 min ago');
  });

  it('says when the tone changes next', () => {
    expect(slaStatus(sla({ firstResponseDueAt: at(40) }), oneHourFirstResponse, NOW)?.changesAt).toBe(NOW + 25 * MIN);
    expect(slaStatus(sla({ firstResponseDueAt: at(10) }), oneHourFirstResponse, NOW)?.changesAt).toBe(NOW + 10 * MIN);
    expect(slaStatus(sla({ firstResponseDueAt: at(-1) }), oneHourFirstResponse, NOW)?.changesAt).toBeNull();
  });
});
