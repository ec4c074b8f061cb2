import { describe, expect, it } from '@jest/globals';
import { DO_NOT_CONTACT_REASON, sendCheck, type Recipient } from './send-check.js';

const ada: Recipient = { name: 'Ada', doNotContact: false, timezone: 'Europe/Madrid', contactHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' } };

// 2026-01-05 is a Monday; Madrid is UTC+1 in winter.
describe('sendCheck', () => {
  it.each<[string, Recipient, string, Pick<ReturnType<typeof sendCheck>, 'allowed' | 'reasons' | 'warnings'>]>([
    ['inside contact hours: allowed, nothing to mind', ada, '2026-01-05T10:00:00Z', { allowed: true, reasons: [], warnings: [] }],
    [
      'outside contact hours: allowed, with a warning on their clock',
      ada,
      '2026-01-05T21:10:00Z',
      { allowed: true, reasons: [], warnings: ['Outside Ada’s contact hours (Mon–Fri 09:00–17:00, Europe/Madrid): it is Mon 22:10 for them'] },
    ],
    ['no contact hours: allowed at any time', { ...ada, contactHours: null }, '2026-01-05T03:00:00Z', { allowed: true, reasons: [], warnings: [] }],
    ['doNotContact: refused with the reason, whatever the time', { ...ada, doNotContact: true }, '2026-01-05T21:10:00Z', { allowed: false, reasons: [DO_NOT_CONTACT_REASON], warnings: [] }],
  ])('%s', (_why, recipient, now, expected) => {
    expect(sendCheck(recipient, new Date(now))).toMatchObject(expected);
  });

  it('tells when a follow-up in their hours would be due', () => {
    expect(sendCheck(ada, new Date('2026-01-05T21:10:00Z')).contact).toEqual({
      timezone: 'Europe/Madrid',
      contactHours: ada.contactHours,
      inContactHours: false,
      nextContactAt: '2026-01-06T08:00:00.000Z',
    });
  });
});
