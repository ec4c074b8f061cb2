import { isSupervisor, type AuthUser } from '../../auth/auth-user.js';

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

/** Why this user may not write a reply for `teamId` (null: every team); null when they may. Mirrors SLA policies. */
export function writeRefusal(user: Who, teamId: string | null): string | null {
  if (user.role === 'admin') return null;
  if (user.role !== 'lead') return 'Only leads and admins write canned replies';
  if (teamId === null) return 'Only admins write canned replies for every team: give it one of your teams';
  if (!user.teamIds.includes(teamId)) return 'You lead other teams: write canned replies for your own';
  return null;
}
