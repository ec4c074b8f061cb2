import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../lib/error-message';
import { useCurrentUser } from '../auth/use-session';
import { writeConversation } from '../conversation/conversation-cache-writer';
import { agentOptionLabel, byName } from '../team/agent-load';
import { useAgents, useTeams } from '../team/use-agents';
import { bulkAssignBody, decodeBulkTarget, encodeBulkTarget } from './bulk-assign';
import { bulkAssignConversations } from './conversations-api';

interface BulkAssignBarProps {
  ids: string[];
  onDone: () => void;
  onClear: () => void;
}

/** "3 selected · Clear / Assign to [agent] Apply" above the list while conversations are ticked. */
export function BulkAssignBar({ ids, onDone, onClear }: BulkAssignBarProps) {
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const agents = useAgents();
  const teams = useTeams();
  const [value, setValue] = useState('');
  const target = decodeBulkTarget(value);

  const apply = useMutation({
    mutationFn: bulkAssignConversations,
    onSuccess: ({ items }) => {
      // The live events say the same; the answer keeps the lists right even without the socket.
      for (const conversation of items) writeConversation(queryClient, conversation, user.id);
      setValue('');
      onDone();
    },
  });

  const sortedAgents = [...(agents.data ?? [])].sort(byName);
  const teamList = teams.data ?? [];

  return (
    <div className="bulk-bar" role="region" aria-label="Bulk assignment" data-testid="bulk-bar">
      <div className="bulk-bar-row">
        <strong className="bulk-count" data-testid="bulk-count">
          {ids.length} selected
        </strong>
        <button type="button" className="link-button bulk-clear" data-testid="bulk-clear" onClick={onClear}>
          Clear
        </button>
      </div>
      <div className="bulk-bar-row">
        <label className="bulk-target">
          <span>Assign to</span>
          <select className="select" data-testid="bulk-assign-select" value={value} disabled={apply.isPending} onChange={(e) => setValue(e.target.value)}>
            <option value="" disabled>
              Choose…
            </option>
            <option value={encodeBulkTarget({ kind: 'nobody' })}>Unassigned</option>
            {sortedAgents.length > 0 ? (
              <optgroup label="Agents">
                {sortedAgents.map((agent) => (
                  <option key={agent.id} value={encodeBulkTarget({ kind: 'agent', id: agent.id })}>
                    {agentOptionLabel(agent)}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {teamList.length > 0 ? (
              <optgroup label="Back to a team queue">
                {teamList.map((team) => (
                  <option key={team.id} value={encodeBulkTarget({ kind: 'team', id: team.id })}>
                    {team.name} queue
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        <button
          type="button"
          className="button button-primary button-small"
          data-testid="bulk-assign-apply"
          disabled={target === null || ids.length === 0 || apply.isPending}
          onClick={() => {
            if (target) apply.mutate(bulkAssignBody(ids, target));
          }}
        >
          {apply.isPending ? 'Assigning…' : 'Apply'}
        </button>
      </div>
      {apply.isError ? (
        <div className="bulk-error" role="alert">
          Not assigned: {errorMessage(apply.error)}
        </div>
      ) : null}
    </div>
  );
}
