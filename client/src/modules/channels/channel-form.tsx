import { useId, useState } from 'react';
import { CHANNEL_KINDS, type Channel, type ChannelKind, type Team } from '@rapport/shared';
import { channelName } from '../../ui/channel-badge';
import { FormActions } from '../../ui/form-parts';
import { useSaveForm } from '../../ui/use-save-form';
import { buildChannelCreate, buildChannelUpdate, emptyFormValues, formValuesOf, NO_TEAM, type ChannelFormValues } from './channel-config-diff';
import { channelFields, type ChannelField } from './channel-fields';
import { useCreateChannel, useUpdateChannel } from './use-channel-mutations';

interface ChannelFormProps {
  /** The channel being edited; none for a new one. */
  channel?: Channel;
  teams: readonly Team[];
  /** Team preselected for a new channel. */
  defaultTeamId?: string;
  onDone: () => void;
}

const DEFAULT_KIND: ChannelKind = 'telegram';

function secretPlaceholder(channel: Channel | undefined, field: ChannelField): string {
  if (!channel) return '';
  return channel.secretFields.includes(field.name) ? 'Set — leave empty to keep' : 'Not set';
}

interface FieldInputProps {
  field: ChannelField;
  value: string;
  channel: Channel | undefined;
  onChange: (value: string) => void;
}

function FieldInput({ field, value, channel, onChange }: FieldInputProps) {
  const id = useId();
  const isSet = channel?.secretFields.includes(field.name) ?? false;
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-label">
        {field.label}
        {field.required ? null : <span className="muted"> · optional</span>}
        {field.secret && isSet ? <span className="chip secret-chip">set</span> : null}
      </label>
      <input
        id={id}
        className="text-input"
        data-testid={`channel-field-${field.name}`}
        name={field.name}
        type={field.secret ? 'password' : field.type === 'number' ? 'number' : field.type === 'url' ? 'url' : 'text'}
        inputMode={field.type === 'number' ? 'numeric' : undefined}
        min={field.type === 'number' ? 1 : undefined}
        max={field.type === 'number' ? 3600 : undefined}
        // Secrets are write-only: never let the browser offer a saved password here.
        autoComplete={field.secret ? 'new-password' : 'off'}
        spellCheck={false}
        placeholder={field.secret ? secretPlaceholder(channel, field) : field.placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {field.hint ? <span className="form-hint">{field.hint}</span> : null}
    </div>
  );
}

/** New channel, or edit of one: the fields follow the kind; secrets are write-only. */
export function ChannelForm({ channel, teams, defaultTeamId = NO_TEAM, onDone }: ChannelFormProps) {
  const editing = channel !== undefined;
  const [values, setValues] = useState<ChannelFormValues>(() => (channel ? formValuesOf(channel) : emptyFormValues(DEFAULT_KIND, defaultTeamId)));
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const { pending, error, submit } = useSaveForm({ create, update, editing });
  const ids = { kind: useId(), name: useId(), team: useId(), error: useId() };

  const fields = channelFields(values.kind);
  const basic = fields.filter((f) => !f.advanced);
  const advanced = fields.filter((f) => f.advanced);
  // Opened by itself when something is set there (the simulator's host); never closed under the cursor.
  const [advancedOpen, setAdvancedOpen] = useState(() => advanced.some((f) => (values.config[f.name] ?? '') !== ''));

  const setConfig = (name: string, value: string) => setValues((v) => ({ ...v, config: { ...v.config, [name]: value } }));

  const onSubmit = channel
    ? submit(
        () => buildChannelUpdate(channel, values),
        (patch) => (patch === null ? onDone() : update.mutate({ channel, patch }, { onSuccess: onDone })),
      )
    : submit(
        () => buildChannelCreate(values),
        (body) => create.mutate(body, { onSuccess: onDone }),
      );

  return (
    <form
      className="channel-form"
      data-testid="channel-form"
      data-mode={editing ? 'edit' : 'create'}
      aria-label={editing ? `Edit channel ${channel.name}` : 'New channel'}
      aria-describedby={error ? ids.error : undefined}
      // The server names the bad field; the browser's own bubbles would only say less.
      noValidate
      onSubmit={onSubmit}
    >
      <div className="channel-form-grid">
        <div className="form-field">
          <label htmlFor={ids.kind} className="form-label">
            Kind
          </label>
          <select
            id={ids.kind}
            className="select"
            data-testid="channel-kind-select"
            value={values.kind}
            disabled={editing}
            title={editing ? 'The kind of a channel cannot change; add a new channel instead' : undefined}
            autoFocus={!editing}
            onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value as ChannelKind }))}
          >
            {CHANNEL_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {channelName(kind)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={ids.name} className="form-label">
            Name
          </label>
          <input
            id={ids.name}
            className="text-input"
            data-testid="channel-name"
            autoComplete="off"
            autoFocus={editing}
            placeholder="Shown to agents, e.g. “Support bot”"
            value={values.name}
            onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          />
        </div>
        <div className="form-field">
          <label htmlFor={ids.team} className="form-label">
            Team
          </label>
          <select id={ids.team} className="select" data-testid="channel-team-select" value={values.teamId} onChange={(e) => setValues((v) => ({ ...v, teamId: e.target.value }))}>
            <option value={NO_TEAM}>No team (supervisors only)</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
            {values.teamId !== NO_TEAM && !teams.some((t) => t.id === values.teamId) ? <option value={values.teamId}>Unknown team</option> : null}
          </select>
        </div>
        {basic.map((field) => (
          <FieldInput key={`${values.kind}-${field.name}`} field={field} channel={channel} value={values.config[field.name] ?? ''} onChange={(value) => setConfig(field.name, value)} />
        ))}
      </div>

      {advanced.length > 0 ? (
        <details className="channel-form-advanced" open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
          <summary>Advanced</summary>
          <div className="channel-form-grid">
            {advanced.map((field) => (
              <FieldInput key={`${values.kind}-${field.name}`} field={field} channel={channel} value={values.config[field.name] ?? ''} onChange={(value) => setConfig(field.name, value)} />
            ))}
          </div>
        </details>
      ) : null}

      <div className="channel-form-footer">
        {editing ? null : (
          <label className="toggle toggle-brand">
            <input type="checkbox" data-testid="channel-form-enabled" checked={values.enabled} onChange={(e) => setValues((v) => ({ ...v, enabled: e.target.checked }))} />
            <span className="toggle-track" aria-hidden="true" />
            Enabled
          </label>
        )}
        <div id={ids.error} className="channel-form-error" role="alert" data-testid="channel-form-error">
          {error}
        </div>
        <FormActions pending={pending} onCancel={onDone} cancelTestId="channel-cancel" saveTestId="channel-save" saveLabel={editing ? 'Save changes' : 'Add channel'} />
      </div>
    </form>
  );
}
