import { SUPERVISOR_ROLES, type Conversation, type User } from '@rapport/shared';

type Scope = Pick<Conversation, 'assigneeId'>;

function isSupervisor(user: User): boolean {
  return SUPERVISOR_ROLES.includes(user.role);
}

/**
 * Mirrors the server's rule so the UI offers only what will succeed: agents answer customers only in
 * conversations that are theirs or nobody's (notes are always fine), so two agents never reply at once.
 */
export function canReplyPublicly(user: User, conversation: Scope): boolean {
  return isSupervisor(user) || conversation.assigneeId === null || conversation.assigneeId === user.id;
}

/** Agents may only take an unassigned conversation; supervisors may take any. */
export function canAssignToSelf(user: User, conversation: Scope): boolean {
  if (conversation.assigneeId === user.id) return false;
  return isSupervisor(user) || conversation.assigneeId === null;
}


/** Supervisors hand conversations to anyone in the team (the assignee picker); agents only take free ones. */
export function canPickAssignee(user: User): boolean {
  return isSupervisor(user);
}
