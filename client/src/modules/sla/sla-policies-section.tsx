import { Fragment } from 'react';
import { SLA_METRICS, type SlaPolicy, type Team } from '@rapport/shared';
import { channelName } from '../../ui/channel-badge';
import { EmptyState, MutationError, QueryView } from '../../ui/feedback';
import { EditRow, RowActions } from '../../ui/row-actions';
import { useOpenForm } from '../../ui/use-open-form';
import { useCurrentUser } from '../auth/use-session';
import { canCreateTeamScoped, canWriteTeamScoped, writableTeams } from '../team/team-permissions';
import { describeScope, describeThreshold, thresholdSeconds } from './policy-form';
import { SlaPolicyForm } from './sla-policy-form';
import { useSlaPolicies } from './use-sla-policies';
import { useSlaPolicyMutations } from './use-sla-policy-mutations';

const COLUMNS = 6;

interface RowProps {
  policy: SlaPolicy;
  teams: readonly Team[];
  writable: boolean;
  onEdit: () => void;
  onDelete: () => void;
  deleting: boolean;
}

function PolicyRow({ policy, teams, writable, onEdit, onDelete, deleting }: RowProps) {
  return (
    <tr className="sla-policy-row" data-testid="sla-policy-row" data-policy-id={policy.id}>
      <td>
        <span className="agent-name" data-testid="sla-policy-row-name">
          {policy.name}
        </span>
        <div className="muted sla-policy-scope">{describeScope(policy, teams, channelName)}</div>
      </td>
      {SLA_METRICS.map((metric) => (
        <td key={metric} className="cell-num" data-testid={`sla-policy-row-${metric}`}>
          {describeThreshold(thresholdSeconds(policy, metric))}
        </td>
      ))}
      <td>{policy.businessHoursOnly ? 'Business hours' : 'Wall clock'}</td>
      <td className="cell-end">{writable ? <RowActions testId="sla-policy" deleting={deleting} onEdit={onEdit} onDelete={onDelete} /> : null}</td>
    </tr>
  );
}

/** SLA policies: leads set their teams', admins any; managers read them. */
export function SlaPoliciesSection({ teams }: { teams: readonly Team[] }) {
  const user = useCurrentUser();
  const policies = useSlaPolicies();
  const { remove } = useSlaPolicyMutations();
  const form = useOpenForm();
  const ownTeams = writableTeams(user, teams);
  const mayCreate = canCreateTeamScoped(user, teams);

  const body = (
    <QueryView query={policies} loading="Loading the SLA policies" failure="Could not load the SLA policies">
      {(list) =>
        list.length > 0 ? (
          <table className="agent-table sla-policy-table">
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col" className="cell-num">
                  First response
                </th>
                <th scope="col" className="cell-num">
                  Next reply
                </th>
                <th scope="col" className="cell-num">
                  Resolution
                </th>
                <th scope="col">Counted in</th>
                <th scope="col" className="cell-end">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((policy) => (
                <Fragment key={policy.id}>
                  <PolicyRow
                    policy={policy}
                    teams={teams}
                    writable={canWriteTeamScoped(user, policy, teams)}
                    deleting={remove.isPending}
                    onEdit={() => form.openEdit(policy.id)}
                    onDelete={() => remove.mutate(policy.id)}
                  />
                  {form.editingId === policy.id ? (
                    <EditRow columns={COLUMNS}>
                      <SlaPolicyForm policy={policy} teams={ownTeams} allowEveryTeam={user.role === 'admin'} onDone={form.close} />
                    </EditRow>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        ) : form.isNew ? null : (
          <EmptyState title="No SLA policies yet">{mayCreate ? 'Add one to set response targets and show countdowns.' : 'Leads and admins add them.'}</EmptyState>
        )
      }
    </QueryView>
  );

  return (
    <section className="team-card" data-testid="sla-policies" aria-labelledby="sla-policies-title">
      <header className="team-card-header">
        <div className="team-card-title">
          <h2 id="sla-policies-title">SLA policies</h2>
          <span className="muted">Response targets; each conversation shows a countdown to the one due first.</span>
        </div>
        {mayCreate && !form.isNew ? (
          <button type="button" className="button button-primary button-small" data-testid="sla-policy-new" onClick={form.openNew}>
            New policy
          </button>
        ) : null}
      </header>
      <MutationError mutation={remove} what="Not deleted" testId="sla-policy-delete-error" />
      {form.isNew ? <SlaPolicyForm teams={ownTeams} allowEveryTeam={user.role === 'admin'} onDone={form.close} /> : null}
      {body}
    </section>
  );
}
