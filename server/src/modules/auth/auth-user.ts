import { SUPERVISOR_ROLES, type Role } from '@rapport/shared';

/** The signed-in user as guards and services see it. */
export interface AuthUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamIds: string[];
}

export const isSupervisor = (user: Pick<AuthUser, 'role'>): boolean => SUPERVISOR_ROLES.includes(user.role);

/** Managers and admins see every team's work; agents and leads see their own teams'. */
export const seesAllTeams = (user: Pick<AuthUser, 'role'>): boolean => user.role === 'manager' || user.role === 'admin';
