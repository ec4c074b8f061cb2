import type { AuthUser } from '../auth-user.js';

/** How a refusal names what is written: `act` "set policies", `it` "the policy". */
export interface WrittenThing {
  act: string;
  it: string;
}

/**
 * Why a lead may not write a record of `teamId` (null: every team), or null when they may: leads write
 * their own teams' records, those for every team are the admins'. Other roles are not judged here.
 */
export function leadScopeRefusal(user: Pick<AuthUser, 'role' | 'teamIds'>, teamId: string | null, what: WrittenThing): string | null {
  if (user.role !== 'lead') return null;
  if (teamId === null) return `Only admins ${what.act} for every team: give ${what.it} one of your teams`;
  if (!user.teamIds.includes(teamId)) return `You lead other teams: ${what.act} for your own`;
  return null;
}
