import type { Agent, Conversation } from '@rapport/shared';
import { agentOptionLabel, byName } from '../team/agent-load';

export interface AssigneeOption {
  /** '' is "Unassigned". */
  value: string;
  label: string;
}

export const UNASSIGNED_VALUE = '';

/**
 * What a supervisor may pick for one conversation: nobody, or an agent of its team with their load
 * (everyone when it has no team). The current assignee always stays listed so the picker shows them.
 */
export function assigneeOptions(agents: readonly Agent[] | undefined, conversation: Pick<Conversation, 'teamId' | 'assignee'>): AssigneeOption[] {
  const all = agents ?? [];
  const { teamId, assignee } = conversation;
  const options: AssigneeOption[] = all
    .filter((a) => teamId === null || a.teamIds.includes(teamId))
    .sort(byName)
    .map((a) => ({ value: a.id, label: agentOptionLabel(a) }));
  if (assignee && !options.some((o) => o.value === assignee.id)) {
    const known = all.find((a) => a.id === assignee.id);
    options.push({ value: assignee.id, label: known ? agentOptionLabel(known) : assignee.name });
  }
  return [{ value: UNASSIGNED_VALUE, label: 'Unassigned' }, ...options];
}
