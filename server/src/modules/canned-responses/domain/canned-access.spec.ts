import { describe, expect, it } from '@jest/globals';
import type { Role } from '@rapport/shared';
import { cannedScope, mayRead, writeRefusal } from './canned-access.js';

const CARE = 'care';
const BILLING = 'billing';
const as = (role: Role, teamIds: string[] = [CARE]) => ({ role, teamIds });

describe('cannedScope', () => {
  it.each<[string, ReturnType<typeof as>, string | undefined, string[] | null]>([
    ['an agent: their teams', as('agent', [CARE, BILLING]), undefined, [CARE, BILLING]],
    ['an agent without a team: the global ones only', as('agent', []), undefined, []],
    ['an agent asking for their team', as('agent'), CARE, [CARE]],
    ['an agent asking for another team: the global ones only', as('agent'), BILLING, []],
    ['a lead: everything', as('lead'), undefined, null],
    ['a manager asking for a team', as('manager', []), BILLING, [BILLING]],
    ['an admin: everything', as('admin', []), undefined, null],
  ])('%s', (_what, user, teamId, teamIds) => {
    expect(cannedScope(user, teamId)).toEqual({ teamIds });
  });
});

describe('mayRead', () => {
  it.each<[string, ReturnType<typeof as>, string | null, boolean]>([
    ['an agent, a global reply', as('agent'), null, true],
    ['an agent, their team', as('agent'), CARE, true],
    ['an agent, another team', as('agent'), BILLING, false],
    ['a manager, any team', as('manager', []), BILLING, true],
    ['a lead, another team', as('lead'), BILLING, true],
  ])('%s → %s', (_what, user, teamId, allowed) => {
    expect(mayRead(user, { teamId })).toBe(allowed);
  });
});

describe('writeRefusal', () => {
  it.each<[string, ReturnType<typeof as>, string | null, RegExp | null]>([
    ['an admin, for every team', as('admin', []), null, null],
    ['an admin, any team', as('admin', []), BILLING, null],
    ['a lead, their team', as('lead'), CARE, null],
    ['a lead, for every team', as('lead'), null, /Only admins/],
    ['a lead, another team', as('lead'), BILLING, /other teams/],
    ['an agent', as('agent'), CARE, /leads and admins/],
    ['a manager', as('manager'), CARE, /leads and admins/],
  ])('%s', (_what, user, teamId, refusal) => {
    const reason = writeRefusal(user, teamId);
    if (refusal === null) expect(reason).toBeNull();
    else expect(reason).toMatch(refusal);
  });
});
