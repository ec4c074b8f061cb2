import type { Agent, Conversation } from '@rapport/shared';
import { assigneeOptions, UNASSIGNED_VALUE, type AssigneeOption } from '../conversation/assignee-options';

/** Who a conversation can be handed to from the Team view: its team's agents with their load, never its current owner. */
export function assignTargets(agents: readonly Agent[] | undefined, conversation: Pick<Conversation, 'teamId' | 'assignee' | 'assigneeId'>): AssigneeOption[] {
  return assigneeOptions(agents, conversation).filter((o) => o.value !== UNASSIGNED_VALUE && o.value !== conversation.assigneeId);
}
