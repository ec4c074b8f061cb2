import { describe, expect, it } from '@jest/globals';
import type { ConversationStatus } from '@rapport/shared';
import type { ContactProfile } from './contact-hours.js';
import { actionAtDue, followUpDueAt, type DueTimeDecision, type FollowUpRequest } from './follow-up-rules.js';

const madrid: ContactProfile = { timezone: 'Europe/Madrid', contactHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' } };
const unknown: ContactProfile = { timezone: null, contactHours: null };
// Monday 2026-01-05, 21:00 in Madrid.
const now = new Date('2026-01-05T20:00:00Z');
const at = (iso: string) => new Date(iso);

describe('followUpDueAt', () => {
  it.each<[string, FollowUpRequest, ContactProfile, DueTimeDecision]>([
    ['the time asked for', { dueAt: at('2026-01-07T15:00:00Z'), inCustomerHours: false }, madrid, { ok: true, dueAt: at('2026-01-07T15:00:00Z') }],
    ['inCustomerHours alone: the next start of their hours', { inCustomerHours: true }, madrid, { ok: true, dueAt: at('2026-01-06T08:00:00Z') }],
    ['inCustomerHours without hours: 09:00 of their next day (UTC when unknown)', { inCustomerHours: true }, unknown, { ok: true, dueAt: at('2026-01-06T09:00:00Z') }],
    ['a time outside their hours moved into them', { dueAt: at('2026-01-06T05:00:00Z'), inCustomerHours: true }, madrid, { ok: true, dueAt: at('2026-01-06T08:00:00Z') }],
    ['a time inside their hours kept', { dueAt: at('2026-01-06T10:00:00Z'), inCustomerHours: true }, madrid, { ok: true, dueAt: at('2026-01-06T10:00:00Z') }],
    ['a time in the past refused', { dueAt: at('2026-01-05T19:00:00Z'), inCustomerHours: false }, madrid, { ok: false, reason: 'dueAt must be in the future' }],
    ['more than a year ahead refused', { dueAt: at('2027-02-01T10:00:00Z'), inCustomerHours: false }, madrid, { ok: false, reason: 'dueAt must be within 366 days' }],
  ])('%s', (_why, request, customer, expected) => {
    expect(followUpDueAt(request, customer, now)).toEqual(expected);
  });
});

describe('actionAtDue', () => {
  it.each<[ConversationStatus, boolean, ReturnType<typeof actionAtDue>]>([
    ['open', false, 'raise'],
    ['pending', false, 'reopen'],
    ['snoozed', false, 'reopen'],
    ['resolved', false, 'reopen'],
    ['resolved', true, 'notify'],
  ])('%s (thread has an open conversation: %s) → %s', (status, threadOpen, expected) => {
    expect(actionAtDue(status, threadOpen)).toBe(expected);
  });
});
