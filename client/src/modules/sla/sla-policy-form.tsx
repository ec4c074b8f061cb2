import { useId, useState, type FormEvent } from 'react';
import { CHANNEL_KINDS, PRIORITIES, SLA_METRICS, type ChannelKind, type Priority, type SlaMetric, type SlaPolicy, type Team } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { channelName } from '../../ui/channel-badge';
import { ANY, buildPolicyBody, emptyPolicyDraft, METRIC_FIELD_LABELS, policyDraftOf, type DurationUnit, type PolicyDraft } from './policy-form';
import { useSlaPolicyMutations } from './use-sla-policy-mutations';

const PRIORITY_LABELS: Record<Priority, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };

interface SlaPolicyFormProps {
  /** The policy being edited; none for a new one. */
  policy?: SlaPolicy;
  /** The teams this user may set policies for. */
  teams: readonly Team[];
  /** Admins may set a policy for every team; leads only for theirs. */
  allowEveryTeam: boolean;
  onDone: () => void;
}

function ThresholdField({ metric, draft, onChange }: { metric: SlaMetric; draft: PolicyDraft; onChange: (next: PolicyDraft) => void }) {
  const id = useId();
  const value = draft.thresholds[metric];
  const set = (patch: Partial<typeof value>) => onChange({ ...draft, thresholds: { ...draft.thresholds, [metric]: { ...value, ...patch } } });
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-label">
        {METRIC_FIELD_LABELS[metric]} <span className="muted">· empty for none</span>
      </label>
      <span className="threshold-input">
        <input
          id={id}
          className="text-input"
          data-testid={`sla-policy-${metric}`}
          inputMode="decimal"
          autoComplete="off"
          placeholder="—"
          value={value.value}
          onChange={(e) => set({ value: e.target.value })}
        />
        <select className="select" data-testid={`sla-policy-${metric}-unit`} aria-label={`${METRIC_FIELD_LABELS[metric]} unit`} value={value.unit} onChange={(e) => set({ unit: e.target.value as DurationUnit })}>
          <option value="minutes">minutes</option>
          <option value="hours">hours</option>
        </select>
      </span>
    </div>
  );
}

/** New SLA policy, or edit of one: what it applies to, its three thresholds, and which clock they run on. */
export function SlaPolicyForm({ policy, teams, allowEveryTeam, onDone }: SlaPolicyFormProps) {
  const editing = policy !== undefined;
  const [draft, setDraft] = useState<PolicyDraft>(() => (policy ? policyDraftOf(policy) : emptyPolicyDraft(allowEveryTeam ? ANY : (teams[0]?.id ?? ANY))));
  const [problem, setProblem] = useState<string | null>(null);
  const { create, update } = useSlaPolicyMutations();
  const pending = create.isPending || update.isPending;
  const serverError = editing ? update.error : create.error;
  const error = problem ?? (serverError ? errorMessage(serverError) : null);
  const ids = { name: useId(), team: useId(), channel: useId(), priority: useId(), clock: useId(), error: useId() };
  // A policy of a team not in the list (an admin's, seen by a lead) still shows its team.
  const teamMissing = draft.teamId !== ANY && !teams.some((t) => t.id === draft.teamId);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    create.reset();
    update.reset();
    const built = buildPolicyBody(draft);
    if (!built.ok) return setProblem(built.error);
    setProblem(null);
    if (policy) update.mutate({ id: policy.id, body: built.body }, { onSuccess: onDone });
    else create.mutate(built.body, { onSuccess: onDone });
  };

  return (
    <form className="channel-form sla-policy-form" data-testid="sla-policy-form" data-mode={editing ? 'edit' : 'create'} aria-label={editing ? `Edit SLA policy ${policy.name}` : 'New SLA policy'} aria-describedby={error ? ids.error : undefined} noValidate onSubmit={submit}>
      <div className="channel-form-grid">
        <div className="form-field">
          <label htmlFor={ids.name} className="form-label">
            Name
          </label>
          <input id={ids.name} className="text-input" data-testid="sla-policy-name" autoComplete="off" autoFocus placeholder="e.g. “Urgent WhatsApp”" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </div>
        <div className="form-field">
          <label htmlFor={ids.team} className="form-label">
            Team
          </label>
          <select id={ids.team} className="select" data-testid="sla-policy-team" value={draft.teamId} onChange={(e) => setDraft({ ...draft, teamId: e.target.value })}>
            {allowEveryTeam ? <option value={ANY}>Every team</option> : null}
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
            {teamMissing ? <option value={draft.teamId}>Another team</option> : null}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={ids.channel} className="form-label">
            Channel
          </label>
          <select id={ids.channel} className="select" data-testid="sla-policy-channel" value={draft.channelKind} onChange={(e) => setDraft({ ...draft, channelKind: e.target.value as ChannelKind | '' })}>
            <option value={ANY}>Any channel</option>
            {CHANNEL_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {channelName(kind)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={ids.priority} className="form-label">
            Priority
          </label>
          <select id={ids.priority} className="select" data-testid="sla-policy-priority" value={draft.priority} onChange={(e) => setDraft({ ...draft, priority: e.target.value as Priority | '' })}>
            <option value={ANY}>Any priority</option>
            {[...PRIORITIES].reverse().map((priority) => (
              <option key={priority} value={priority}>
                {PRIORITY_LABELS[priority]}
              </option>
            ))}
          </select>
        </div>
        {SLA_METRICS.map((metric) => (
          <ThresholdField key={metric} metric={metric} draft={draft} onChange={setDraft} />
        ))}
        <fieldset className="form-field clock-choice">
          <legend className="form-label">Counted in</legend>
          <label className="radio-label">
            <input type="radio" name={ids.clock} data-testid="sla-policy-business-hours" checked={draft.businessHoursOnly} onChange={() => setDraft({ ...draft, businessHoursOnly: true })} />
            Business hours
          </label>
          <label className="radio-label">
            <input type="radio" name={ids.clock} data-testid="sla-policy-wall-clock" checked={!draft.businessHoursOnly} onChange={() => setDraft({ ...draft, businessHoursOnly: false })} />
            Wall clock (24/7)
          </label>
        </fieldset>
      </div>
      <div className="channel-form-footer">
        {error ? (
          <span id={ids.error} className="channel-form-error" role="alert" data-testid="sla-policy-error">
            {error}
          </span>
        ) : (
          <span className="form-hint">The most specific matching policy applies: priority counts most, then channel, then team.</span>
        )}
        <div className="channel-form-actions">
          <button type="button" className="button button-quiet" onClick={onDone} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="sla-policy-save" disabled={pending}>
            {pending ? 'Saving…' : editing ? 'Save policy' : 'Create policy'}
          </button>
        </div>
      </div>
    </form>
  );
}
