import type { Agent } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { useNow } from '../../lib/use-now';
import { DismissibleError, InlineError, Spinner } from '../../ui/feedback';
import { sortQueue } from './team-conversations-cache';
import { TeamConversationRow } from './team-conversation-row';
import { useAssignHandler } from './use-assign-handler';
import { useTeamConversations } from './use-team-conversations';

interface AgentConversationsProps {
  id: string;
  agent: Agent;
  agents: readonly Agent[] | undefined;
  colSpan: number;
}

/** An agent's open conversations under their row, most urgent first, each with a picker to move it to a colleague. */
export function AgentConversations({ id, agent, agents, colSpan }: AgentConversationsProps) {
  const list = useTeamConversations(agent.id);
  const now = useNow();
  const { assign, onAssign, pendingId } = useAssignHandler();
  const items = sortQueue(list.data ?? []);

  let body;
  if (list.isPending) body = <Spinner label={`Loading the conversations of ${agent.name}`} />;
  else if (list.isError) body = <InlineError onRetry={() => void list.refetch()}>Could not load their conversations: {errorMessage(list.error)}</InlineError>;
  else if (items.length === 0) body = <p className="muted agent-conversations-empty">No open conversations.</p>;
  else {
    body = (
      <ol className="team-conversation-list is-grid" aria-label={`Open conversations of ${agent.name}`}>
        {items.map((conversation) => (
          <TeamConversationRow key={conversation.id} conversation={conversation} agents={agents} now={now} placeholder="Reassign to…" busy={pendingId === conversation.id} onAssign={onAssign} />
        ))}
      </ol>
    );
  }

  return (
    <tr className="agent-conversations-row" id={id} data-testid="agent-conversations" data-agent-id={agent.id}>
      <td colSpan={colSpan}>
        {assign.error ? (
          <DismissibleError testId="agent-reassign-error" onDismiss={() => assign.reset()}>
            Not reassigned: {errorMessage(assign.error)}
          </DismissibleError>
        ) : null}
        {body}
      </td>
    </tr>
  );
}
