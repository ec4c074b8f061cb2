import { Fragment, useCallback, useState } from 'react';
import { ROUTING_STRATEGIES, type Agent, type RoutingStrategy, type Team, type UpdateAgentBody } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { useNow } from '../../lib/use-now';
import { DismissibleError, EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { useCurrentUser } from '../auth/use-session';
import { CannedResponsesSection } from '../canned-responses/canned-responses-section';
import { toggleInSet } from '../inbox/bulk-assign';
import { SlaPoliciesSection } from '../sla/sla-policies-section';
import { effectiveCapacityOf } from './agent-load';
import { AgentConversations } from './agent-conversations';
import { AgentRow } from './agent-row';
import { groupAgentsByTeam, type TeamSection } from './agents-cache';
import { TeamHoursEditor } from './team-hours-editor';
import { useFirstResponseMediansToday } from './use-response-times-today';
import { WaitingQueuePanel } from './waiting-queue-panel';
import { canEditRouting } from './team-permissions';
import { useAgents, useTeams } from './use-agents';
import { useUpdateAgent, useUpdateTeam } from './use-update-agent';

const STRATEGY_LABELS: Record<RoutingStrategy, string> = { least_loaded: 'Least loaded', round_robin: 'Round robin', manual: 'Manual' };
const STRATEGY_HINTS: Record<RoutingStrategy, string> = {
  least_loaded: 'New conversations go to the online agent with the most free capacity.',
  round_robin: 'New conversations go to online agents in turn.',
  manual: 'Nothing is assigned automatically; leads hand out the queue.',
};

type TeamTab = 'overview' | 'settings';
const AGENT_COLUMNS = 7;
const NOTHING_EXPANDED: ReadonlySet<string> = new Set();

interface SectionProps {
  section: TeamSection;
  teams: readonly Team[];
  agents: readonly Agent[];
  editable: boolean;
  onUpdateAgent: (agent: Agent, patch: UpdateAgentBody) => void;
  onUpdateTeam: (team: Team, strategy: RoutingStrategy) => void;
  medians: ReadonlyMap<string, number>;
  expanded: ReadonlySet<string>;
  onToggleExpanded: (agentId: string) => void;
}

function onlineCount(agents: readonly Agent[]): number {
  return agents.filter((a) => a.presence === 'online').length;
}

function TeamCard({ section, teams, agents, editable, onUpdateAgent, onUpdateTeam, medians, expanded, onToggleExpanded }: SectionProps) {
  const { team, members, alsoMembers } = section;
  const now = useNow();
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
              <th scope="col" className="cell-num" title="How long their longest-waiting customer has waited for a reply">
                Oldest wait
              </th>
              <th scope="col" className="cell-num" title="Median first response since midnight">
                First reply today
              </th>
              <th scope="col">Languages · skills</th>
              <th scope="col" className="cell-center">
                Auto-assign
              </th>
              <th scope="col" className="cell-end">
                Capacity
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((agent) => {
              const open = expanded.has(agent.id);
              const conversationsId = `agent-conversations-${agent.id}`;
              return (
                <Fragment key={agent.id}>
                  <AgentRow
                    agent={agent}
                    defaultCapacity={effectiveCapacityOf(null, agent.teamIds, teams, agent.effectiveCapacity)}
                    editable={editable}
                    onUpdate={onUpdateAgent}
                    now={now}
                    firstResponseMedian={medians.get(agent.id)}
                    expanded={open}
                    onToggleExpanded={onToggleExpanded}
                    conversationsId={conversationsId}
                  />
                  {open ? <AgentConversations id={conversationsId} agent={agent} agents={agents} colSpan={AGENT_COLUMNS} /> : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {alsoMembers.length > 0 ? <p className="team-card-also muted">Also in this team: {alsoMembers.map((a) => a.name).join(', ')}</p> : null}
    </section>
  );
}

function TeamTabs({ tab, onChange }: { tab: TeamTab; onChange: (tab: TeamTab) => void }) {
  const tabs: Array<[TeamTab, string]> = [
    ['overview', 'Agents & queue'],
    ['settings', 'Settings'],
  ];
  return (
    <div className="segmented team-tabs" role="tablist" aria-label="Team view">
      {tabs.map(([value, label]) => (
        <button key={value} type="button" role="tab" aria-selected={tab === value} data-testid={`team-tab-${value}`} className={tab === value ? 'segment is-active' : 'segment'} onClick={() => onChange(value)}>
          {label}
        </button>
      ))}
    </div>
  );
}

function TeamSettings({ teams, editable }: { teams: readonly Team[]; editable: boolean }) {
  return (
    <div className="team-settings" data-testid="team-settings" role="tabpanel" aria-label="Settings">
      <SlaPoliciesSection teams={teams} />
      {teams.length === 0 ? <EmptyState title="No teams yet" /> : teams.map((team) => <TeamHoursEditor key={team.id} team={team} editable={editable} />)}
      <CannedResponsesSection teams={teams} />
    </div>
  );
}

/** Leads, managers and admins: who is online, how loaded, what waits, how each team routes, and its hours and SLAs. */
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
  const [tab, setTab] = useState<TeamTab>('overview');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(NOTHING_EXPANDED);
  const onToggleExpanded = useCallback((agentId: string) => setExpanded((current) => toggleInSet(current, agentId)), []);
  const { medians } = useFirstResponseMediansToday();

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
  } else if (tab === 'settings') {
    body = <TeamSettings teams={teams.data} editable={editable} />;
  } else {
    const sections = groupAgentsByTeam(teams.data, agents.data);
    body = (
      <div className="team-overview" role="tabpanel" aria-label="Agents & queue">
        <div className="team-overview-main">
          {sections.length === 0 ? (
            <EmptyState title="No agents yet" />
          ) : (
            sections.map((section) => (
              <TeamCard
                key={section.team?.id ?? 'none'}
                section={section}
                teams={teams.data}
                agents={agents.data}
                editable={editable}
                onUpdateAgent={onUpdateAgent}
                onUpdateTeam={onUpdateTeam}
                medians={medians}
                expanded={expanded}
                onToggleExpanded={onToggleExpanded}
              />
            ))
          )}
        </div>
        <WaitingQueuePanel agents={agents.data} teams={teams.data} />
      </div>
    );
  }

  return (
    <main className="team-page" data-testid="team-view" aria-label="Team">
      <div className="team-page-inner is-wide">
        <div className="page-header-row">
          <div className="team-page-header">
            <h1>Team</h1>
            <p className="muted">
              Who is online, how full their queue is, what waits, and how new conversations are routed.{editable ? '' : ' Only leads and admins change these settings.'}
            </p>
          </div>
          <TeamTabs tab={tab} onChange={setTab} />
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
