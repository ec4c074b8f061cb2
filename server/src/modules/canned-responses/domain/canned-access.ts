import { isSupervisor, type AuthUser } from '../../auth/auth-user.js';
import { leadScopeRefusal } from '../../auth/domain/lead-scope.js';

type Who = Pick<AuthUser, 'role' | 'teamIds'>;

/** Which replies a list shows: those of `teamIds` (null: every team's) and the ones for every team. */
export interface CannedScope {
  teamIds: string[] | null;
}

/**
 * Leads, managers and admins read every reply (they may answer any team's conversation); agents their
 * teams' and the ones for every team. `teamId` narrows to what a conversation of that team may use.
 */
export function cannedScope(user: Who, teamId?: string): CannedScope {
  if (teamId !== undefined) return { teamIds: isSupervisor(user) || user.teamIds.includes(teamId) ? [teamId] : [] };
  return { teamIds: isSupervisor(user) ? null : user.teamIds };
}

export function mayRead(user: Who, reply: { teamId: string | null }): boolean {
  return reply.teamId === null || isSupervisor(user) || user.teamIds.includes(reply.teamId);
}

/** Why this user may not write a reply for `teamId` (null: every team); null when they may. The rule of SLA policies. */
export function writeRefusal(user: Who, teamId: string | null): string | null {
  if (user.role !== 'admin' && user.role !== 'lead') return 'Only leads and admins write canned replies';
  return leadScopeRefusal(user, teamId, { act: 'write canned replies', it: 'it' });
}
