import type { AuthUser } from '../../auth/auth-user.js';
import { isSupervisor, seesAllTeams } from '../../auth/auth-user.js';

export interface ConversationScope {
  assigneeId: string | null;
  teamId: string | null;
}

/** Managers and admins see everything; agents and leads what is assigned to them and what belongs to their teams. */
export function canViewConversation(user: Pick<AuthUser, 'id' | 'role' | 'teamIds'>, conversation: ConversationScope): boolean {
  if (seesAllTeams(user)) return true;
  if (conversation.assigneeId === user.id) return true;
  return conversation.teamId !== null && user.teamIds.includes(conversation.teamId);
}

/**
 * Who may write a public reply: supervisors on what they can see; an agent when the conversation is theirs or nobody's
 * (answering an unassigned one makes it theirs), so two agents never answer the same customer.
 */
export function canReplyPublicly(user: Pick<AuthUser, 'id' | 'role' | 'teamIds'>, conversation: ConversationScope): boolean {
  if (!canViewConversation(user, conversation)) return false;
  return isSupervisor(user) || conversation.assigneeId === null || conversation.assigneeId === user.id;
}

/** Supervisors assign what they can see; agents may only take an unassigned conversation of their team, for themselves. */
export function canAssign(
  user: Pick<AuthUser, 'id' | 'role' | 'teamIds'>,
  conversation: ConversationScope,
  target: { assigneeId: string | null; teamId?: string | undefined },
): boolean {
  if (isSupervisor(user)) return canViewConversation(user, conversation);
  const ownTeam = conversation.teamId !== null && user.teamIds.includes(conversation.teamId);
  const sameTeam = target.teamId === undefined || target.teamId === conversation.teamId;
  return ownTeam && sameTeam && conversation.assigneeId === null && target.assigneeId === user.id;
}
