import type { Agent, Team } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { useNow } from '../../lib/use-now';
import { DismissibleError, EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { TEAM_LIST_LIMIT } from './team-api';
import { sortQueue } from './team-conversations-cache';
import { TeamConversationRow } from './team-conversation-row';
import { UNASSIGNED_OWNER } from './query-keys';
import { useAssignHandler } from './use-assign-handler';
import { useTeamConversations } from './use-team-conversations';

interface WaitingQueuePanelProps {
  agents: readonly Agent[] | undefined;
  teams: readonly Team[];
}

/** Unassigned open conversations in the order they should be served, each with a picker to hand it out. */
export function WaitingQueuePanel({ agents, teams }: WaitingQueuePanelProps) {
  const queue = useTeamConversations(UNASSIGNED_OWNER);
  const now = useNow();
  const { assign, onAssign, pendingId } = useAssignHandler();
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const items = sortQueue(queue.data ?? []);

  let body;
  if (queue.isPending) {
    body = (
      <div className="team-placeholder">
        <Spinner label="Loading the waiting queue" />
      </div>
    );
  } else if (queue.isError) {
    body = <InlineError onRetry={() => void queue.refetch()}>Could not load the queue: {errorMessage(queue.error)}</InlineError>;
  } else if (items.length === 0) {
    body = <EmptyState title="Nobody is waiting">Every open conversation has an agent.</EmptyState>;
  } else {
    body = (
      <ol className="team-conversation-list" data-testid="waiting-queue-list" aria-label="Waiting conversations, first to serve first">
        {items.map((conversation) => (
          <TeamConversationRow
            key={conversation.id}
            conversation={conversation}
            agents={agents}
            now={now}
            placeholder="Assign to…"
            teamName={teams.length > 1 && conversation.teamId ? teamNames.get(conversation.teamId) : undefined}
            busy={pendingId === conversation.id}
            onAssign={onAssign}
          />
        ))}
      </ol>
    );
  }

  return (
    <aside className="team-card waiting-queue" data-testid="waiting-queue" aria-labelledby="waiting-queue-title">
      <header className="team-card-header">
        <div className="team-card-title">
          <h2 id="waiting-queue-title">Waiting queue</h2>
          <span className="muted">{queue.data ? `${items.length}${items.length >= TEAM_LIST_LIMIT ? '+' : ''} unassigned` : ''}</span>
        </div>
      </header>
      <p className="waiting-queue-hint muted">By priority, then SLA due time, then longest wait.</p>
      {assign.error ? (
        <div className="settings-error">
          <DismissibleError testId="waiting-queue-error" onDismiss={() => assign.reset()}>
            Not assigned: {errorMessage(assign.error)}
          </DismissibleError>
        </div>
      ) : null}
      {body}
    </aside>
  );
}
