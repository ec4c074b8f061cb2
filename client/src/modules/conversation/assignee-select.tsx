import type { Conversation } from '@rapport/shared';
import { useAgents } from '../team/use-agents';
import { assigneeOptions, UNASSIGNED_VALUE } from './assignee-options';

interface AssigneeSelectProps {
  conversation: Conversation;
  disabled: boolean;
  onAssign: (assigneeId: string | null) => void;
}

/** For supervisors: hand the conversation to anyone in its team (with their load), or back to nobody. */
export function AssigneeSelect({ conversation, disabled, onAssign }: AssigneeSelectProps) {
  const agents = useAgents();
  const options = assigneeOptions(agents.data, conversation);
  return (
    <label className="assignee-picker">
      <span className="visually-hidden">Assignee</span>
      <select
        className="select"
        data-testid="assignee-select"
        data-shortcut="assign"
        value={conversation.assigneeId ?? UNASSIGNED_VALUE}
        disabled={disabled}
        aria-busy={agents.isFetching}
        title={agents.isError ? 'Could not load the agents list' : 'Assign to'}
        onChange={(e) => onAssign(e.target.value === UNASSIGNED_VALUE ? null : e.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
