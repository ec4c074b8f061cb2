import { describe, expect, it } from '@jest/globals';
import { audienceRooms, conversationAudience, rooms, roomsOf, type Audience } from './audience.js';

const ME = 'user-me';
const COLLEAGUE = 'user-colleague';
const CARE = 'team-care';
const BILLING = 'team-billing';

describe('conversationAudience', () => {
  it.each<[string, { assigneeId: string | null; teamId: string | null }, Array<string | null>, boolean, Audience]>([
    ['unassigned: its team', { assigneeId: null, teamId: CARE }, [], false, { userIds: [], teamIds: [CARE], leadTeamIds: [CARE] }],
    ['assigned: the assignee and the team’s leads', { assigneeId: ME, teamId: CARE }, [], false, { userIds: [ME], teamIds: [], leadTeamIds: [CARE] }],
    ['assigned, alsoTeam: the assignee and the team', { assigneeId: ME, teamId: CARE }, [], true, { userIds: [ME], teamIds: [CARE], leadTeamIds: [CARE] }],
    ['assigned plus the previous assignee', { assigneeId: ME, teamId: CARE }, [COLLEAGUE], false, { userIds: [ME, COLLEAGUE], teamIds: [], leadTeamIds: [CARE] }],
    ['unassigned plus the previous assignee', { assigneeId: null, teamId: CARE }, [COLLEAGUE], false, { userIds: [COLLEAGUE], teamIds: [CARE], leadTeamIds: [CARE] }],
    ['previous assignee equal to the assignee is named once', { assigneeId: ME, teamId: CARE }, [ME], false, { userIds: [ME], teamIds: [], leadTeamIds: [CARE] }],
    ['null extra users are ignored', { assigneeId: ME, teamId: CARE }, [null, null], false, { userIds: [ME], teamIds: [], leadTeamIds: [CARE] }],
    ['no team, unassigned: managers and admins only', { assigneeId: null, teamId: null }, [], false, { userIds: [], teamIds: [], leadTeamIds: [] }],
    ['no team, alsoTeam: no team room', { assigneeId: ME, teamId: null }, [], true, { userIds: [ME], teamIds: [], leadTeamIds: [] }],
  ])('%s', (_what, conversation, also, alsoTeam, expected) => {
    expect(conversationAudience(conversation, also, alsoTeam)).toEqual(expected);
  });
});

describe('audienceRooms', () => {
  it.each<[string, Audience, string[]]>([
    ['managers and admins always hear', { userIds: [], teamIds: [], leadTeamIds: [] }, ['all-teams']],
    ['users, teams and leads', { userIds: [ME, COLLEAGUE], teamIds: [CARE], leadTeamIds: [CARE] }, ['all-teams', `user:${ME}`, `user:${COLLEAGUE}`, `team:${CARE}`, `leads:${CARE}`]],
    ['teams only', { userIds: [], teamIds: [CARE, BILLING], leadTeamIds: [] }, ['all-teams', `team:${CARE}`, `team:${BILLING}`]],
  ])('%s', (_what, audience, expected) => {
    expect(audienceRooms(audience)).toEqual(expected);
  });

  it.each<[string, 'agent' | 'lead' | 'manager' | 'admin', string[]]>([
    ['an agent: own and teams’', 'agent', [`user:${ME}`, `team:${CARE}`, `team:${BILLING}`]],
    ['a lead: also the leads’ rooms of their teams', 'lead', [`user:${ME}`, `team:${CARE}`, `team:${BILLING}`, `leads:${CARE}`, `leads:${BILLING}`]],
    ['a manager: all teams', 'manager', [`user:${ME}`, `team:${CARE}`, `team:${BILLING}`, 'all-teams']],
    ['an admin: all teams', 'admin', [`user:${ME}`, `team:${CARE}`, `team:${BILLING}`, 'all-teams']],
  ])('rooms of %s', (_what, role, expected) => {
    expect(roomsOf({ id: ME, role, teamIds: [CARE, BILLING] })).toEqual(expected);
  });

  it('names rooms consistently', () => {
    expect(rooms.user(ME)).toBe('user:user-me');
    expect(rooms.team(CARE)).toBe('team:team-care');
    expect(rooms.conversation('c1')).toBe('conversation:c1');
  });
});
