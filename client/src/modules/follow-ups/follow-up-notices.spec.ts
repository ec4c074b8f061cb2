import { describe, expect, it } from '@jest/globals';
import { followUpNoticeText, shouldAnnounceFollowUp } from './follow-up-notices';

describe('shouldAnnounceFollowUp', () => {
  it.each<[string, { seq: number; assigneeId: string | null; createdById: string | null }, number | null, boolean]>([
    ['to the assignee', { seq: 10, assigneeId: 'me', createdById: 'lead' }, 5, true],
    ['to whoever set it on a colleague’s or nobody’s conversation', { seq: 10, assigneeId: null, createdById: 'me' }, 5, true],
    ['not to a supervisor who only hears it', { seq: 10, assigneeId: 'agent', createdById: 'agent' }, 5, false],
    ['not for one replayed by the first sync', { seq: 4, assigneeId: 'me', createdById: 'me' }, 5, false],
    ['not before the first sync answered', { seq: 10, assigneeId: 'me', createdById: 'me' }, null, false],
  ])('%s', (_why, event, baseline, expected) => {
    expect(shouldAnnounceFollowUp(event, 'me', baseline)).toBe(expected);
  });
});

describe('followUpNoticeText', () => {
  it('names the customer when known', () => {
    expect(followUpNoticeText({ note: 'check the refund landed' }, 'Ada Lovelace')).toBe('Follow up with Ada Lovelace: check the refund landed');
    expect(followUpNoticeText({ note: 'check the refund landed' }, null)).toBe('Follow-up due: check the refund landed');
  });
});
