import { useCallback } from 'react';
import { ROUTING_STRATEGIES, type Agent, type RoutingStrategy, type Team, type UpdateAgentBody } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { DismissibleError, EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { useCurrentUser } from '../auth/use-session';
import { effectiveCapacityOf } from './agent-load';
import { AgentRow } from './agent-row';
import { groupAgentsByTeam, type TeamSection } from './agents-cache';
import { canEditRouting } from './team-permissions';
import { useAgents, useTeams } from './use-agents';
import { useUpdateAgent, useUpdateTeam } from './use-update-agent';

const STRATEGY_LABELS: Record<RoutingStrategy, string> = { least_loaded: 'Least loaded', round_robin: 'Round robin', manual: 'Manual' };
const STRATEGY_HINTS: Record<RoutingStrategy, string> = {
  least_loaded: 'New conversations go to the online agent with the most free capacity.',
  round_robin: 'New conversations go to online agents in turn.',
  manual: 'Nothing is assigned automatically; leads hand out the queue.',
};

interface SectionProps {
  section: TeamSection;
  teams: readonly Team[];
  editable: boolean;
  onUpdateAgent: (agent: Agent, patch: UpdateAgentBody) => void;
  onUpdateTeam: (team: Team, strategy: RoutingStrategy) => void;
}

function onlineCount(agents: readonly Agent[]): number {
  return agents.filter((a) => a.presence === 'online').length;
}

function TeamCard({ section, teams, editable, onUpdateAgent, onUpdateTeam }: SectionProps) {
  const { team, members, alsoMembers } = section;
  const everyone = [...members, ...alsoMembers];
  return (
    <section className="team-card" data-testid="team-card" data-team-id={team?.id} aria-label={team ? `Team ${team.name}` : 'Not in a team'}>
      <header className="team-card-header">
        <div className="team-card-title">
          <h2>{team ? team.name : 'Not in a team'}</h2>
          <span className="muted">
            {onlineCount(everyone)} of {everyone.length} online
            {team ? ` · default capacity ${team.defaultCapacity} · ${team.timezone}` : ''}
          </span>
        </div>
        {team ? (
          <div className="team-card-facts">
            <span className={team.waitingCount > 0 ? 'waiting-count is-waiting' : 'waiting-count'} data-testid="team-waiting" title="Unassigned open conversations waiting for an agent">
              <strong>{team.waitingCount}</strong> waiting
            </span>
            <label className="strategy" title={STRATEGY_HINTS[team.strategy]}>
              <span className="muted">Routing</span>
              {editable ? (
                <select className="select" data-testid="team-strategy" value={team.strategy} onChange={(e) => onUpdateTeam(team, e.target.value as RoutingStrategy)}>
                  {ROUTING_STRATEGIES.map((s) => (
                    <option key={s} value={s}>
                      {STRATEGY_LABELS[s]}
                    </option>
                  ))}
                </select>
              ) : (
                <strong data-testid="team-strategy">{STRATEGY_LABELS[team.strategy] ?? team.strategy}</strong>
              )}
            </label>
          </div>
        ) : null}
      </header>
      {members.length === 0 && alsoMembers.length === 0 ? (
        <p className="team-card-empty muted">No members yet.</p>
      ) : null}
      {members.length > 0 ? (
        <table className="agent-table">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Load</th>
              <th scope="col">Languages</th>
              <th scope="col">Skills</th>
              <th scope="col" className="cell-center">
                Auto-assign
              </th>
              <th scope="col" className="cell-end">
                Capacity
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((agent) => (
              <AgentRow key={agent.id} agent={agent} defaultCapacity={effectiveCapacityOf(null, agent.teamIds, teams, agent.effectiveCapacity)} editable={editable} onUpdate={onUpdateAgent} />
            ))}
          </tbody>
        </table>
      ) : null}
      {alsoMembers.length > 0 ? <p className="team-card-also muted">Also in this team: {alsoMembers.map((a) => a.name).join(', ')}</p> : null}
    </section>
  );
}

/** Leads, managers and admins: who is online, how loaded, and how each team routes. */
export function TeamView() {
  const user = useCurrentUser();
  const agents = useAgents();
  const teams = useTeams();
  const editable = canEditRouting(user);
  const updateAgent = useUpdateAgent();
  const updateTeam = useUpdateTeam();
  const { mutate: mutateAgent } = updateAgent;
  const { mutate: mutateTeam } = updateTeam;

  const onUpdateAgent = useCallback((agent: Agent, patch: UpdateAgentBody) => mutateAgent({ agent, patch }), [mutateAgent]);
  const onUpdateTeam = useCallback((team: Team, strategy: RoutingStrategy) => mutateTeam({ team, patch: { strategy } }), [mutateTeam]);

  const saveError = updateAgent.error ?? updateTeam.error;

  let body;
  if (agents.isPending || teams.isPending) {
    body = (
      <div className="team-placeholder">
        <Spinner label="Loading the team" />
      </div>
    );
  } else if (agents.isError || teams.isError) {
    body = (
      <InlineError
        onRetry={() => {
          void agents.refetch();
          void teams.refetch();
        }}
      >
        Could not load the team: {errorMessage(agents.error ?? teams.error)}
      </InlineError>
    );
  } else {
    const sections = groupAgentsByTeam(teams.data, agents.data);
    body =
      sections.length === 0 ? (
        <EmptyState title="No agents yet" />
      ) : (
        sections.map((section) => (
          <TeamCard key={section.team?.id ?? 'none'} section={section} teams={teams.data} editable={editable} onUpdateAgent={onUpdateAgent} onUpdateTeam={onUpdateTeam} />
        ))
      );
  }

  return (
    <main className="team-page" data-testid="team-view" aria-label="Team">
      <div className="team-page-inner">
        <div className="team-page-header">
          <h1>Team</h1>
          <p className="muted">
            Who is online, how full their queue is, and how new conversations are routed.{editable ? '' : ' Only leads and admins change these settings.'}
          </p>
        </div>
        {saveError ? (
          <DismissibleError
            testId="team-save-error"
            onDismiss={() => {
              updateAgent.reset();
              updateTeam.reset();
            }}
          >
            Not saved: {errorMessage(saveError)}
          </DismissibleError>
        ) : null}
        {body}
      </div>
    </main>
  );
}
