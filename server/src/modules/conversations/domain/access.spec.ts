import { describe, expect, it } from '@jest/globals';
import type { Role } from '@rapport/shared';
import { canAssign, canReplyPublicly, canViewConversation } from './access.js';

const ME = 'user-me';
const COLLEAGUE = 'user-colleague';
const CARE = 'team-care';
const BILLING = 'team-billing';

const user = (role: Role) => ({ id: ME, role, teamIds: [CARE] });

type Situation = 'assigned to me' | 'assigned to a colleague' | 'unassigned, own team' | 'unassigned, other team' | 'colleague, other team' | 'me, other team';
const conversations: Record<Situation, { assigneeId: string | null; teamId: string | null }> = {
  'assigned to me': { assigneeId: ME, teamId: CARE },
  'assigned to a colleague': { assigneeId: COLLEAGUE, teamId: CARE },
  'unassigned, own team': { assigneeId: null, teamId: CARE },
  'unassigned, other team': { assigneeId: null, teamId: BILLING },
  'colleague, other team': { assigneeId: COLLEAGUE, teamId: BILLING },
  'me, other team': { assigneeId: ME, teamId: BILLING },
};

describe('canViewConversation', () => {
  it.each<[Role, Situation, boolean]>([
    ['agent', 'assigned to me', true],
    ['agent', 'assigned to a colleague', true],
    ['agent', 'unassigned, own team', true],
    ['agent', 'unassigned, other team', false],
    ['agent', 'colleague, other team', false],
    ['agent', 'me, other team', true],
    ['lead', 'assigned to a colleague', true],
    ['lead', 'unassigned, other team', false],
    ['lead', 'colleague, other team', false],
    ['lead', 'me, other team', true],
    ['manager', 'colleague, other team', true],
    ['admin', 'unassigned, other team', true],
  ])('%s, %s → %s', (role, situation, expected) => {
    expect(canViewConversation(user(role), conversations[situation])).toBe(expected);
  });

  it('an agent sees a conversation without team only when it is theirs', () => {
    expect(canViewConversation(user('agent'), { assigneeId: null, teamId: null })).toBe(false);
    expect(canViewConversation(user('agent'), { assigneeId: ME, teamId: null })).toBe(true);
    expect(canViewConversation({ id: ME, role: 'agent', teamIds: [] }, { assigneeId: null, teamId: CARE })).toBe(false);
  });
});

describe('canReplyPublicly', () => {
  it.each<[Role, Situation, boolean]>([
    ['agent', 'assigned to me', true],
    ['agent', 'assigned to a colleague', false],
    ['agent', 'unassigned, own team', true],
    ['agent', 'unassigned, other team', false],
    ['agent', 'colleague, other team', false],
    ['agent', 'me, other team', true],
    ['lead', 'assigned to a colleague', true],
    ['lead', 'colleague, other team', false],
    ['manager', 'assigned to a colleague', true],
    ['manager', 'unassigned, other team', true],
    ['admin', 'colleague, other team', true],
  ])('%s, %s → %s', (role, situation, expected) => {
    expect(canReplyPublicly(user(role), conversations[situation])).toBe(expected);
  });
});

describe('canAssign', () => {
  type Target = 'to me' | 'to a colleague' | 'to nobody' | 'to me in another team';
  const targets: Record<Target, { assigneeId: string | null; teamId?: string }> = {
    'to me': { assigneeId: ME },
    'to a colleague': { assigneeId: COLLEAGUE },
    'to nobody': { assigneeId: null },
    'to me in another team': { assigneeId: ME, teamId: BILLING },
  };

  it.each<[Role, Situation, Target, boolean]>([
    // An agent may only take an unassigned conversation of their team, for themselves.
    ['agent', 'unassigned, own team', 'to me', true],
    ['agent', 'unassigned, own team', 'to a colleague', false],
    ['agent', 'unassigned, own team', 'to nobody', false],
    ['agent', 'unassigned, own team', 'to me in another team', false],
    ['agent', 'assigned to me', 'to me', false],
    ['agent', 'assigned to me', 'to a colleague', false],
    ['agent', 'assigned to me', 'to nobody', false],
    ['agent', 'assigned to a colleague', 'to me', false],
    ['agent', 'assigned to a colleague', 'to nobody', false],
    ['agent', 'unassigned, other team', 'to me', false],
    ['agent', 'colleague, other team', 'to me', false],
    // Leads move anything of their teams, to anyone and any team; managers and admins anything anywhere.
    ['lead', 'assigned to a colleague', 'to me', true],
    ['lead', 'assigned to me', 'to a colleague', true],
    ['lead', 'unassigned, own team', 'to me in another team', true],
    ['lead', 'unassigned, other team', 'to a colleague', false],
    ['lead', 'assigned to a colleague', 'to nobody', true],
    ['manager', 'colleague, other team', 'to a colleague', true],
    ['manager', 'unassigned, own team', 'to me in another team', true],
    ['admin', 'assigned to a colleague', 'to nobody', true],
  ])('%s, %s, %s → %s', (role, situation, target, expected) => {
    expect(canAssign(user(role), conversations[situation], targets[target])).toBe(expected);
  });

  it('an agent may name the conversation’s own team explicitly', () => {
    expect(canAssign(user('agent'), conversations['unassigned, own team'], { assigneeId: ME, teamId: CARE })).toBe(true);
  });
});
