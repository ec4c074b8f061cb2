import { describe, expect, it } from '@jest/globals';
import { audienceRooms, conversationAudience, rooms, type Audience } from './audience.js';

const ME = 'user-me';
const COLLEAGUE = 'user-colleague';
const CARE = 'team-care';
const BILLING = 'team-billing';

describe('conversationAudience', () => {
  it.each<[string, { assigneeId: string | null; teamId: string | null }, Array<string | null>, boolean, Audience]>([
    ['unassigned: its team', { assigneeId: null, teamId: CARE }, [], false, { userIds: [], teamIds: [CARE] }],
    ['assigned: only the assignee', { assigneeId: ME, teamId: CARE }, [], false, { userIds: [ME], teamIds: [] }],
    ['assigned, alsoTeam: the assignee and the team', { assigneeId: ME, teamId: CARE }, [], true, { userIds: [ME], teamIds: [CARE] }],
    ['assigned plus the previous assignee', { assigneeId: ME, teamId: CARE }, [COLLEAGUE], false, { userIds: [ME, COLLEAGUE], teamIds: [] }],
    ['unassigned plus the previous assignee', { assigneeId: null, teamId: CARE }, [COLLEAGUE], false, { userIds: [COLLEAGUE], teamIds: [CARE] }],
    ['previous assignee equal to the assignee is named once', { assigneeId: ME, teamId: CARE }, [ME], false, { userIds: [ME], teamIds: [] }],
    ['null extra users are ignored', { assigneeId: ME, teamId: CARE }, [null, null], false, { userIds: [ME], teamIds: [] }],
    ['no team, unassigned: supervisors only', { assigneeId: null, teamId: null }, [], false, { userIds: [], teamIds: [] }],
    ['no team, alsoTeam: no team room', { assigneeId: ME, teamId: null }, [], true, { userIds: [ME], teamIds: [] }],
  ])('%s', (_what, conversation, also, alsoTeam, expected) => {
    expect(conversationAudience(conversation, also, alsoTeam)).toEqual(expected);
  });
});

describe('audienceRooms', () => {
  it.each<[string, Audience, string[]]>([
    ['supervisors always hear', { userIds: [], teamIds: [] }, ['supervisors']],
    ['users and teams', { userIds: [ME, COLLEAGUE], teamIds: [CARE] }, ['supervisors', `user:${ME}`, `user:${COLLEAGUE}`, `team:${CARE}`]],
    ['teams only', { userIds: [], teamIds: [CARE, BILLING] }, ['supervisors', `team:${CARE}`, `team:${BILLING}`]],
  ])('%s', (_what, audience, expected) => {
    expect(audienceRooms(audience)).toEqual(expected);
  });

  it('names rooms consistently', () => {
    expect(rooms.user(ME)).toBe('user:user-me');
    expect(rooms.team(CARE)).toBe('team:team-care');
    expect(rooms.conversation('c1')).toBe('conversation:c1');
  });
});
