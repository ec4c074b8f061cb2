import { describe, expect, it } from '@jest/globals';
import type { SlaPolicy } from '@rapport/shared';
import { buildPolicyBody, describeScope, describeThreshold, emptyPolicyDraft, parseThreshold, policyDraftOf, thresholdDraftOf, type ThresholdDraft } from './policy-form';

const policy = (overrides: Partial<SlaPolicy> = {}): SlaPolicy => ({
  id: 'p',
  name: 'Urgent care',
  teamId: 'care',
  channelKind: 'whatsapp',
  priority: 'urgent',
  firstResponseSeconds: 900,
  nextReplySeconds: null,
  resolutionSeconds: 86400,
  businessHoursOnly: false,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

describe('thresholds', () => {
  it.each<[number | null, ThresholdDraft]>([
    [null, { value: '', unit: 'minutes' }],
    [3600, { value: '1', unit: 'hours' }],
    [86400, { value: '24', unit: 'hours' }],
    [900, { value: '15', unit: 'minutes' }],
    [5400, { value: '90', unit: 'minutes' }],
    [90, { value: '1.5', unit: 'minutes' }],
  ])('%s s is shown as %o', (seconds, expected) => {
    expect(thresholdDraftOf(seconds)).toEqual(expected);
  });

  it.each<[ThresholdDraft, ReturnType<typeof parseThreshold>]>([
    [{ value: '', unit: 'hours' }, { ok: true, seconds: null }],
    [{ value: ' 15 ', unit: 'minutes' }, { ok: true, seconds: 900 }],
    [{ value: '1.5', unit: 'hours' }, { ok: true, seconds: 5400 }],
    [{ value: '1,5', unit: 'hours' }, { ok: true, seconds: 5400 }],
    [{ value: '0.5', unit: 'minutes' }, { ok: false, error: 'must be at least 1 minute' }],
    [{ value: '9000', unit: 'hours' }, { ok: false, error: 'must be at most 365 days' }],
    [{ value: '-5', unit: 'minutes' }, { ok: false, error: 'must be a number, not "-5"' }],
    [{ value: 'soon', unit: 'minutes' }, { ok: false, error: 'must be a number, not "soon"' }],
  ])('%o → %o', (draft, expected) => {
    expect(parseThreshold(draft)).toEqual(expected);
  });

  it('describes a threshold for the list', () => {
    expect(describeThreshold(null)).toBe('—');
    expect(describeThreshold(900)).toBe('15 min');
    expect(describeThreshold(5400)).toBe('1 h 30 min');
  });
});

describe('buildPolicyBody', () => {
  it('round-trips a policy through the form', () => {
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = policy();
    expect(buildPolicyBody(policyDraftOf(policy()))).toEqual({ ok: true, body: fields });
  });

  it('turns "any" into null and the name trimmed', () => {
    const draft = { ...emptyPolicyDraft(''), name: '  Default  ' };
    expect(buildPolicyBody(draft)).toEqual({
      ok: true,
      body: { name: 'Default', teamId: null, channelKind: null, priority: null, firstResponseSeconds: 3600, nextReplySeconds: null, resolutionSeconds: null, businessHoursOnly: true },
    });
  });

  it('says what is missing or wrong', () => {
    const base = { ...emptyPolicyDraft('care'), name: 'X' };
    expect(buildPolicyBody({ ...base, name: ' ' })).toEqual({ ok: false, error: 'Give the policy a name' });
    expect(buildPolicyBody({ ...base, thresholds: { ...base.thresholds, firstResponse: { value: '', unit: 'hours' } } })).toEqual({ ok: false, error: 'Set at least one of first response, next reply or resolution' });
    expect(buildPolicyBody({ ...base, thresholds: { ...base.thresholds, nextReply: { value: 'x', unit: 'minutes' } } })).toEqual({ ok: false, error: 'Next reply must be a number, not "x"' });
  });
});

describe('describeScope', () => {
  const teams = [{ id: 'care', name: 'Care' }];
  const name = (kind: string) => kind.toUpperCase();
  it.each<[Partial<SlaPolicy>, string]>([
    [{ teamId: null, channelKind: null, priority: null }, 'Every conversation'],
    [{}, 'Care · WHATSAPP · urgent priority'],
    [{ teamId: 'gone', channelKind: null, priority: null }, 'Another team'],
  ])('%o → %s', (overrides, expected) => {
    expect(describeScope(policy(overrides), teams, name)).toBe(expected);
  });
});
