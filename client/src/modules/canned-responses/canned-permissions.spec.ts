import { describe, expect, it } from '@jest/globals';
import type { Role, Team } from '@rapport/shared';
import { canCreateCannedResponses, canWriteCannedResponse, cannedWritableTeams } from './canned-permissions';

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
const teams = [team('care', ['lead-1', 'agent-1']), team('billing', ['agent-2'])];
const user = (role: Role, id = `${role}-1`) => ({ id, role });

describe('canned reply permissions', () => {
  it.each<[string, ReturnType<typeof user>, string[]]>([
    ['an admin writes for every team', user('admin'), ['care', 'billing']],
    ['a lead for their own', user('lead'), ['care']],
    ['a lead of no team for none', user('lead', 'lead-2'), []],
    ['an agent for none', user('agent'), []],
    ['a manager for none', user('manager'), []],
  ])('%s', (_what, who, ids) => {
    expect(cannedWritableTeams(who, teams).map((t) => t.id)).toEqual(ids);
    expect(canCreateCannedResponses(who, teams)).toBe(who.role === 'admin' || ids.length > 0);
  });

  it.each<[string, ReturnType<typeof user>, string | null, boolean]>([
    ['an admin, a reply for every team', user('admin'), null, true],
    ['a lead, their team', user('lead'), 'care', true],
    ['a lead, another team', user('lead'), 'billing', false],
    ['a lead, a reply for every team', user('lead'), null, false],
    ['a manager, any', user('manager'), 'care', false],
  ])('%s → %s', (_what, who, teamId, allowed) => {
    expect(canWriteCannedResponse(who, { teamId }, teams)).toBe(allowed);
  });
});
