import type { CreateUserBody, Role, User, UserAccount } from '@rapport/shared';

export const ROLE_LABELS: Record<Role, string> = { agent: 'Agent', lead: 'Team lead', manager: 'Manager', admin: 'Admin' };

/** Only admins manage users (the API answers 403 to everyone else). */
export function canManageUsers(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin';
}

function isLastActiveAdmin(target: UserAccount, accounts: readonly UserAccount[]): boolean {
  return target.role === 'admin' && target.active && !accounts.some((a) => a.id !== target.id && a.role === 'admin' && a.active);
}

/** Why this account cannot be deactivated here (the server refuses the same), or null. */
export function deactivationBlock(meId: string, target: UserAccount, accounts: readonly UserAccount[]): string | null {
  if (!target.active) return null;
  if (target.id === meId) return 'You cannot deactivate your own account';
  if (isLastActiveAdmin(target, accounts)) return 'The last active admin stays active';
  return null;
}

/** Why this account's role is fixed for now, or null. */
export function roleChangeBlock(target: UserAccount, accounts: readonly UserAccount[]): string | null {
  return isLastActiveAdmin(target, accounts) ? 'The last active admin stays an admin: make someone else an admin first' : null;
}

/** Active people first, then by name, as the list shows them. */
export function sortAccounts(accounts: readonly UserAccount[]): UserAccount[] {
  return [...accounts].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
}

export interface NewUserDraft {
  name: string;
  email: string;
  role: Role;
  password: string;
  teamIds: string[];
}

export const EMPTY_NEW_USER: NewUserDraft = { name: '', email: '', role: 'agent', password: '', teamIds: [] };

/** The server's minimum. */
export const MIN_PASSWORD_LENGTH = 10;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The body to create the user, or what is wrong with the draft. */
export function buildNewUserBody(draft: NewUserDraft): { ok: true; body: CreateUserBody } | { ok: false; error: string } {
  const name = draft.name.trim();
  const email = draft.email.trim().toLowerCase();
  if (!name) return { ok: false, error: 'Give the user a name' };
  if (!EMAIL.test(email)) return { ok: false, error: 'Email must be an email address, like ana@example.com' };
  if (draft.password.length < MIN_PASSWORD_LENGTH) return { ok: false, error: `The password needs at least ${MIN_PASSWORD_LENGTH} characters` };
  return { ok: true, body: { name, email, role: draft.role, password: draft.password, ...(draft.teamIds.length ? { teamIds: draft.teamIds } : {}) } };
}
