import type { AuthUser } from '../../auth/auth-user.js';
import { isSupervisor } from '../../auth/auth-user.js';

interface ConversationScope {
  assigneeId: string | null;
  teamId: string | null;
}

/** Supervisors see everything; an agent sees what is assigned to them and what belongs to their teams. */
export function canViewConversation(user: Pick<AuthUser, 'id' | 'role' | 'teamIds'>, conversation: ConversationScope): boolean {
  if (isSupervisor(user)) return true;
  if (conversation.assigneeId === user.id) return true;
  return conversation.teamId !== null && user.teamIds.includes(conversation.teamId);
}

/**
 * Who may write a public reply: supervisors always; an agent when the conversation is theirs or nobody's
 * (answering an unassigned one makes it theirs), so two agents never answer the same customer.
 */
export function canReplyPublicly(user: Pick<AuthUser, 'id' | 'role' | 'teamIds'>, conversation: ConversationScope): boolean {
  if (isSupervisor(user)) return true;
  return canViewConversation(user, conversation) && (conversation.assigneeId === null || conversation.assigneeId === user.id);
}

/** Agents may only take an unassigned conversation of their team, for themselves. */
export function canAssign(
  user: Pick<AuthUser, 'id' | 'role' | 'teamIds'>,
  conversation: ConversationScope,
  target: { assigneeId: string | null; teamId?: string | undefined },
): boolean {
  if (isSupervisor(user)) return true;
  const ownTeam = conversation.teamId !== null && user.teamIds.includes(conversation.teamId);
  const sameTeam = target.teamId === undefined || target.teamId === conversation.teamId;
  return ownTeam && sameTeam && conversation.assigneeId === null && target.assigneeId === user.id;
}
