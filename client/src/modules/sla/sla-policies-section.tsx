import { Fragment, useState } from 'react';
import { SLA_METRICS, type SlaPolicy, type Team } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { channelName } from '../../ui/channel-badge';
import { DismissibleError, EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { useCurrentUser } from '../auth/use-session';
import { describeScope, describeThreshold, thresholdSeconds } from './policy-form';
import { canCreatePolicies, canWritePolicy, writableTeams } from './sla-permissions';
import { SlaPolicyForm } from './sla-policy-form';
import { useSlaPolicies } from './use-sla-policies';
import { useSlaPolicyMutations } from './use-sla-policy-mutations';

type OpenForm = null | 'new' | { policyId: string };

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
  const [confirming, setConfirming] = useState(false);
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
      <td className="cell-end">
        {!writable ? null : confirming ? (
          <span className="row-confirm">
            <span className="row-confirm-text">Delete?</span>
            <button type="button" className="button button-danger button-small" data-testid="sla-policy-delete-confirm" disabled={deleting} onClick={onDelete}>
              Delete
            </button>
            <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <span className="row-actions">
            <button type="button" className="button button-quiet button-small" data-testid="sla-policy-edit" onClick={onEdit}>
              Edit
            </button>
            <button type="button" className="button button-quiet button-small button-danger-quiet" data-testid="sla-policy-delete" onClick={() => setConfirming(true)}>
              Delete
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

/** SLA policies: leads set their teams', admins any; managers read them. */
export function SlaPoliciesSection({ teams }: { teams: readonly Team[] }) {
  const user = useCurrentUser();
  const policies = useSlaPolicies();
  const { remove } = useSlaPolicyMutations();
  const [open, setOpen] = useState<OpenForm>(null);
  const ownTeams = writableTeams(user, teams);
  const mayCreate = canCreatePolicies(user, teams);

  let body;
  if (policies.isPending) {
    body = (
      <div className="team-placeholder">
        <Spinner label="Loading the SLA policies" />
      </div>
    );
  } else if (policies.isError) {
    body = <InlineError onRetry={() => void policies.refetch()}>Could not load the SLA policies: {errorMessage(policies.error)}</InlineError>;
  } else if (policies.data.length === 0 && open !== 'new') {
    body = <EmptyState title="No SLA policies yet">{mayCreate ? 'Add one to set response targets and show countdowns.' : 'Leads and admins add them.'}</EmptyState>;
  } else if (policies.data.length > 0) {
    body = (
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
          {policies.data.map((policy) => {
            const editing = open !== null && open !== 'new' && open.policyId === policy.id;
            return (
              <Fragment key={policy.id}>
                <PolicyRow
                  policy={policy}
                  teams={teams}
                  writable={canWritePolicy(user, policy, teams)}
                  deleting={remove.isPending}
                  onEdit={() => setOpen({ policyId: policy.id })}
                  onDelete={() => remove.mutate(policy.id)}
                />
                {editing ? (
                  <tr className="channel-edit-row">
                    <td colSpan={COLUMNS}>
                      <SlaPolicyForm policy={policy} teams={ownTeams} allowEveryTeam={user.role === 'admin'} onDone={() => setOpen(null)} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    );
  }

  return (
    <section className="team-card" data-testid="sla-policies" aria-labelledby="sla-policies-title">
      <header className="team-card-header">
        <div className="team-card-title">
          <h2 id="sla-policies-title">SLA policies</h2>
          <span className="muted">Response targets; each conversation shows a countdown to the one due first.</span>
        </div>
        {mayCreate && open !== 'new' ? (
          <button type="button" className="button button-primary button-small" data-testid="sla-policy-new" onClick={() => setOpen('new')}>
            New policy
          </button>
        ) : null}
      </header>
      {remove.error ? (
        <div className="settings-error">
          <DismissibleError testId="sla-policy-delete-error" onDismiss={() => remove.reset()}>
            Not deleted: {errorMessage(remove.error)}
          </DismissibleError>
        </div>
      ) : null}
      {open === 'new' ? <SlaPolicyForm teams={ownTeams} allowEveryTeam={user.role === 'admin'} onDone={() => setOpen(null)} /> : null}
      {body}
    </section>
  );
}
