import { useId, useState } from 'react';
import { CHANNEL_KINDS, PRIORITIES, SLA_METRICS, type ChannelKind, type CreateSlaPolicyBody, type Priority, type SlaMetric, type SlaPolicy, type Team } from '@rapport/shared';
import { channelName } from '../../ui/channel-badge';
import { FormField, FormFooter, TeamScopeSelect } from '../../ui/form-parts';
import { useSaveForm } from '../../ui/use-save-form';
import { ANY, buildPolicyBody, emptyPolicyDraft, METRIC_FIELD_LABELS, policyDraftOf, type DurationUnit, type PolicyDraft } from './policy-form';
import { useSlaPolicyMutations } from './use-sla-policy-mutations';

const PRIORITY_LABELS: Record<Priority, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };
const PRIORITIES_HIGH_FIRST = [...PRIORITIES].reverse();

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
  const { create, update } = useSlaPolicyMutations();
  const { pending, error, submit } = useSaveForm({ create, update, editing });
  const ids = { clock: useId(), error: useId() };
  const set = (patch: Partial<PolicyDraft>) => setDraft({ ...draft, ...patch });
  const save = (body: CreateSlaPolicyBody) => {
    if (policy) update.mutate({ id: policy.id, body }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <form className="channel-form sla-policy-form" data-testid="sla-policy-form" data-mode={editing ? 'edit' : 'create'} aria-label={editing ? `Edit SLA policy ${policy.name}` : 'New SLA policy'} aria-describedby={error ? ids.error : undefined} noValidate onSubmit={submit(() => buildPolicyBody(draft), save)}>
      <div className="channel-form-grid">
        <FormField label="Name">
          {(id) => <input id={id} className="text-input" data-testid="sla-policy-name" autoComplete="off" autoFocus placeholder="e.g. “Urgent WhatsApp”" value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
        </FormField>
        <FormField label="Team">
          {(id) => <TeamScopeSelect id={id} testId="sla-policy-team" value={draft.teamId} teams={teams} allowEveryTeam={allowEveryTeam} everyTeam={ANY} onChange={(teamId) => set({ teamId })} />}
        </FormField>
        <FormField label="Channel">
          {(id) => (
            <select id={id} className="select" data-testid="sla-policy-channel" value={draft.channelKind} onChange={(e) => set({ channelKind: e.target.value as ChannelKind | '' })}>
              <option value={ANY}>Any channel</option>
              {CHANNEL_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {channelName(kind)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Priority">
          {(id) => (
            <select id={id} className="select" data-testid="sla-policy-priority" value={draft.priority} onChange={(e) => set({ priority: e.target.value as Priority | '' })}>
              <option value={ANY}>Any priority</option>
              {PRIORITIES_HIGH_FIRST.map((priority) => (
                <option key={priority} value={priority}>
                  {PRIORITY_LABELS[priority]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {SLA_METRICS.map((metric) => (
          <ThresholdField key={metric} metric={metric} draft={draft} onChange={setDraft} />
        ))}
        <fieldset className="form-field clock-choice">
          <legend className="form-label">Counted in</legend>
          <label className="radio-label">
            <input type="radio" name={ids.clock} data-testid="sla-policy-business-hours" checked={draft.businessHoursOnly} onChange={() => set({ businessHoursOnly: true })} />
            Business hours
          </label>
          <label className="radio-label">
            <input type="radio" name={ids.clock} data-testid="sla-policy-wall-clock" checked={!draft.businessHoursOnly} onChange={() => set({ businessHoursOnly: false })} />
            Wall clock (24/7)
          </label>
        </fieldset>
      </div>
      <FormFooter
        error={error}
        errorId={ids.error}
        errorTestId="sla-policy-error"
        hint="The most specific matching policy applies: priority counts most, then channel, then team."
        pending={pending}
        onCancel={onDone}
        saveTestId="sla-policy-save"
        saveLabel={editing ? 'Save policy' : 'Create policy'}
      />
    </form>
  );
}
