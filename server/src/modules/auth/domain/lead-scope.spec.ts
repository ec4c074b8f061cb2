import { describe, expect, it } from '@jest/globals';
import type { Role } from '@rapport/shared';
import { leadScopeRefusal } from './lead-scope.js';

const CARE = 'care';
const BILLING = 'billing';
const WHAT = { act: 'set policies', it: 'the policy' };

describe('leadScopeRefusal', () => {
  it.each<[string, Role, string | null, string | null]>([
    ['a lead, their team', 'lead', CARE, null],
    ['a lead, for every team', 'lead', null, 'Only admins set policies for every team: give the policy one of your teams'],
    ['a lead, another team', 'lead', BILLING, 'You lead other teams: set policies for your own'],
    ['an admin, for every team', 'admin', null, null],
    ['another role is not judged here', 'agent', BILLING, null],
  ])('%s', (_what, role, teamId, refusal) => {
    expect(leadScopeRefusal({ role, teamIds: [CARE] }, teamId, WHAT)).toBe(refusal);
  });
});
