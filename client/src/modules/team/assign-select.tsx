import type { Agent, Conversation } from '@rapport/shared';
import { assignTargets } from './assign-targets';

interface AssignSelectProps {
  conversation: Conversation;
  agents: readonly Agent[] | undefined;
  /** "Assign to…" for the queue, "Reassign to…" for an agent's conversation. */
  placeholder: string;
  disabled: boolean;
  onAssign: (assigneeId: string) => void;
}

/** A picker that acts on choice: it always shows the placeholder, the row moves once the server agrees. */
export function AssignSelect({ conversation, agents, placeholder, disabled, onAssign }: AssignSelectProps) {
  const options = assignTargets(agents, conversation);
  return (
    <select
      className="select select-compact assign-select"
      data-testid="team-assign-select"
      data-conversation-id={conversation.id}
      aria-label={`${placeholder.replace('…', '')} — ${conversation.customer.name}`}
      value=""
      disabled={disabled || options.length === 0}
      onChange={(e) => {
        if (e.target.value) onAssign(e.target.value);
      }}
    >
      <option value="" disabled>
        {placeholder}
      </option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
