import { describe, expect, it } from '@jest/globals';
import type { Role, Team } from '@rapport/shared';
import { canCreatePolicies, canReadSlaPolicies, canWritePolicy, writableTeams } from './sla-permissions';

const team = (id: string, memberIds: string[]): Team => ({
  id,
  name: id,
  strategy: 'least_loaded',
  defaultCapacity: 5,
  timezone: 'UTC',
  businessHours: {},
  holidays: [],
  slaBreachAction: 'notify',
  channelIds: [],
  memberIds,
  waitingCount: 0,
});
const teams = [team('care', ['me']), team('billing', ['someone'])];
const as = (role: Role) => ({ id: 'me', role });

describe('SLA policy permissions', () => {
  it.each<[Role, boolean, string[], boolean, boolean, boolean, boolean]>([
    // role, reads, writable teams, may create, writes own team's, writes another team's, writes every-team policy
    ['agent', false, [], false, false, false, false],
    ['manager', true, [], false, false, false, false],
    ['lead', true, ['care'], true, true, false, false],
    ['admin', true, ['care', 'billing'], true, true, true, true],
  ])('%s', (role, reads, writable, creates, own, other, everyTeam) => {
    const user = as(role);
    expect(canReadSlaPolicies(user)).toBe(reads);
    expect(writableTeams(user, teams).map((t) => t.id)).toEqual(writable);
    expect(canCreatePolicies(user, teams)).toBe(creates);
    expect(canWritePolicy(user, { teamId: 'care' }, teams)).toBe(own);
    expect(canWritePolicy(user, { teamId: 'billing' }, teams)).toBe(other);
    expect(canWritePolicy(user, { teamId: null }, teams)).toBe(everyTeam);
  });

  it('gives a lead of no team nothing to write', () => {
    expect(canCreatePolicies({ id: 'nobody', role: 'lead' }, teams)).toBe(false);
  });
});
