import { describe, expect, it } from '@jest/globals';
import type { Role } from '@rapport/shared';
import { makeTeam } from '../../testing/fixtures';
import { canCreateTeamScoped, canWriteTeamScoped, writableTeams } from './team-permissions';

const teams = [makeTeam({ id: 'care', memberIds: ['lead-1', 'agent-1'] }), makeTeam({ id: 'billing', memberIds: ['agent-2'] })];
const user = (role: Role, id = `${role}-1`) => ({ id, role });

/** SLA policies and canned replies follow the same rule. */
describe('team-scoped settings permissions', () => {
  it.each<[string, ReturnType<typeof user>, string[]]>([
    ['an admin writes for every team', user('admin'), ['care', 'billing']],
    ['a lead for their own', user('lead'), ['care']],
    ['a lead of no team for none', user('lead', 'lead-2'), []],
    ['an agent for none', user('agent'), []],
    ['a manager for none', user('manager'), []],
  ])('%s', (_what, who, ids) => {
    expect(writableTeams(who, teams).map((t) => t.id)).toEqual(ids);
    expect(canCreateTeamScoped(who, teams)).toBe(who.role === 'admin' || ids.length > 0);
  });

  it.each<[string, ReturnType<typeof user>, string | null, boolean]>([
    ['an admin, one for every team', user('admin'), null, true],
    ['an admin, another team', user('admin'), 'billing', true],
    ['a lead, their team', user('lead'), 'care', true],
    ['a lead, another team', user('lead'), 'billing', false],
    ['a lead, one for every team', user('lead'), null, false],
    ['a manager, any', user('manager'), 'care', false],
    ['an agent, their team', user('agent'), 'care', false],
  ])('%s → %s', (_what, who, teamId, allowed) => {
    expect(canWriteTeamScoped(who, { teamId }, teams)).toBe(allowed);
  });
});
