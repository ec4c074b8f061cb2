import { memo } from 'react';
import type { Agent, UpdateAgentBody } from '@rapport/shared';
import { formatFullDateTime } from '../../lib/format-time';
import { formatDuration } from '../../lib/sla-status';
import { PresenceDot } from '../../ui/presence-dot';
import { CapacityInput } from './capacity-input';
import { LoadBar } from './load-bar';

const ROLE_LABELS: Partial<Record<Agent['role'], string>> = { lead: 'Lead', manager: 'Manager', admin: 'Admin' };

/** A customer waiting longer than this on an agent is shown in the warning colour (as in the inbox). */
const LONG_WAIT_MS = 60 * 60 * 1000;

interface AgentRowProps {
  agent: Agent;
  /** The team default that applies when the agent has no limit of their own. */
  defaultCapacity: number;
  editable: boolean;
  onUpdate: (agent: Agent, patch: UpdateAgentBody) => void;
  now: number;
  /** Their median first response today in seconds; undefined when they gave none (or it is not known). */
  firstResponseMedian: number | undefined;
  expanded: boolean;
  onToggleExpanded: (agentId: string) => void;
  /** Id of the row holding their open conversations, for aria-controls. */
  conversationsId: string;
}

function OldestWait({ since, now }: { since: string | null; now: number }) {
  if (!since) return <span className="muted">—</span>;
  const waited = now - Date.parse(since);
  return (
    <span className={waited > LONG_WAIT_MS ? 'oldest-wait is-long' : 'oldest-wait'} data-testid="agent-oldest-wait" title={`Their longest-waiting customer wrote at ${formatFullDateTime(since)}`}>
      {formatDuration(waited)}
    </span>
  );
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

export const AgentRow = memo(function AgentRow({ agent, defaultCapacity, editable, onUpdate, now, firstResponseMedian, expanded, onToggleExpanded, conversationsId }: AgentRowProps) {
  const roleLabel = ROLE_LABELS[agent.role];
  return (
    <tr className={`agent-row presence-row-${agent.presence}`} data-testid="agent-row" data-agent-id={agent.id} data-presence={agent.presence}>
      <td>
        <span className="agent-identity">
          <button
            type="button"
            className={expanded ? 'icon-button agent-expand is-expanded' : 'icon-button agent-expand'}
            data-testid="agent-expand"
            aria-expanded={expanded}
            aria-controls={expanded ? conversationsId : undefined}
            aria-label={`${expanded ? 'Hide' : 'Show'} the open conversations of ${agent.name}`}
            title={expanded ? 'Hide open conversations' : 'Show open conversations'}
            onClick={() => onToggleExpanded(agent.id)}
          >
            <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
              <path d="M3 1.5 6.5 5 3 8.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </button>
          <PresenceDot presence={agent.presence} />
          <span className="agent-name">{agent.name}</span>
          {roleLabel ? <span className="role-badge">{roleLabel}</span> : null}
        </span>
      </td>
      <td>
        <LoadBar agent={agent} />
      </td>
      <td className="cell-num">
        <OldestWait since={agent.oldestWaitingSince} now={now} />
      </td>
      <td className="cell-num" data-testid="agent-first-response-median">
        {firstResponseMedian === undefined ? <span className="muted">—</span> : formatDuration(firstResponseMedian * 1000)}
      </td>
      <td>
        <span className="agent-talents">
          <Chips items={agent.languages} empty="" upper />
          <Chips items={agent.skills} empty={agent.languages.length === 0 ? '—' : ''} />
        </span>
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
