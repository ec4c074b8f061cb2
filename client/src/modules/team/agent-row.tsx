import { memo } from 'react';
import type { Agent, UpdateAgentBody } from '@rapport/shared';
import { PresenceDot } from '../../ui/presence-dot';
import { CapacityInput } from './capacity-input';
import { LoadBar } from './load-bar';

const ROLE_LABELS: Partial<Record<Agent['role'], string>> = { lead: 'Lead', manager: 'Manager', admin: 'Admin' };

interface AgentRowProps {
  agent: Agent;
  /** The team default that applies when the agent has no limit of their own. */
  defaultCapacity: number;
  editable: boolean;
  onUpdate: (agent: Agent, patch: UpdateAgentBody) => void;
}

function Chips({ items, empty, upper = false }: { items: readonly string[]; empty: string; upper?: boolean }) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
  return (
    <span className="chips">
      {items.map((item) => (
        <span key={item} className={upper ? 'chip is-code' : 'chip'}>
          {upper ? item.toUpperCase() : item}
        </span>
      ))}
    </span>
  );
}

export const AgentRow = memo(function AgentRow({ agent, defaultCapacity, editable, onUpdate }: AgentRowProps) {
  const roleLabel = ROLE_LABELS[agent.role];
  return (
    <tr className={`agent-row presence-row-${agent.presence}`} data-testid="agent-row" data-agent-id={agent.id} data-presence={agent.presence}>
      <td>
        <span className="agent-identity">
          <PresenceDot presence={agent.presence} />
          <span className="agent-name">{agent.name}</span>
          {roleLabel ? <span className="role-badge">{roleLabel}</span> : null}
        </span>
      </td>
      <td>
        <LoadBar agent={agent} />
      </td>
      <td>
        <Chips items={agent.languages} empty="—" upper />
      </td>
      <td>
        <Chips items={agent.skills} empty="—" />
      </td>
      <td className="cell-center">
        <label className="toggle toggle-brand" title={agent.autoAssign ? 'Gets new conversations automatically' : 'Only gets conversations by hand'}>
          <input
            type="checkbox"
            data-testid="agent-auto-assign"
            checked={agent.autoAssign}
            disabled={!editable}
            aria-label={`Auto-assign to ${agent.name}`}
            onChange={(e) => onUpdate(agent, { autoAssign: e.target.checked })}
          />
          <span className="toggle-track" aria-hidden="true" />
        </label>
      </td>
      <td className="cell-end">
        {editable ? (
          <CapacityInput
            key={String(agent.capacity)}
            agentName={agent.name}
            capacity={agent.capacity}
            defaultCapacity={defaultCapacity}
            onSave={(capacity) => onUpdate(agent, { capacity })}
          />
        ) : (
          <span className="capacity-value" data-testid="agent-capacity-value">
            {agent.capacity ?? <span className="muted">{agent.effectiveCapacity} (default)</span>}
          </span>
        )}
      </td>
    </tr>
  );
});
