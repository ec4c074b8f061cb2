import type { Agent, Team } from '@rapport/shared';
import { useNow } from '../../lib/use-now';
import { EmptyState, MutationError, QueryView } from '../../ui/feedback';
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

  const body = (
    <QueryView query={queue} loading="Loading the waiting queue" failure="Could not load the queue">
      {() =>
        items.length === 0 ? (
          <EmptyState title="Nobody is waiting">Every open conversation has an agent.</EmptyState>
        ) : (
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
        )
      }
    </QueryView>
  );

  return (
    <aside className="team-card waiting-queue" data-testid="waiting-queue" aria-labelledby="waiting-queue-title">
      <header className="team-card-header">
        <div className="team-card-title">
          <h2 id="waiting-queue-title">Waiting queue</h2>
          <span className="muted">{queue.data ? `${items.length}${items.length >= TEAM_LIST_LIMIT ? '+' : ''} unassigned` : ''}</span>
        </div>
      </header>
      <p className="waiting-queue-hint muted">By priority, then SLA due time, then longest wait.</p>
      <MutationError mutation={assign} what="Not assigned" testId="waiting-queue-error" />
      {body}
    </aside>
  );
}
