import { useId, type ReactNode } from 'react';

/** A labelled field: `children` gets the id its control must carry. */
export function FormField({ label, children }: { label: ReactNode; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

interface FormActionsProps {
  pending: boolean;
  onCancel: () => void;
  cancelTestId?: string;
  saveTestId: string;
  /** What the submit button says, e.g. "Save policy"; "Saving…" while pending. */
  saveLabel: string;
}

/** Cancel and the submit button of a form, both resting while it saves. */
export function FormActions({ pending, onCancel, cancelTestId, saveTestId, saveLabel }: FormActionsProps) {
  return (
    <div className="channel-form-actions">
      <button type="button" className="button button-quiet" data-testid={cancelTestId} disabled={pending} onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" data-testid={saveTestId} disabled={pending}>
        {pending ? 'Saving…' : saveLabel}
      </button>
    </div>
  );
}

interface FormFooterProps extends FormActionsProps {
  error: string | null;
  /** The error's id, for the form's aria-describedby. */
  errorId: string;
  errorTestId: string;
  /** Shown where the error goes while there is none. */
  hint: ReactNode;
}

/** The error (or a hint while there is none) and the actions under a form. */
export function FormFooter({ error, errorId, errorTestId, hint, ...actions }: FormFooterProps) {
  return (
    <div className="channel-form-footer">
      {error ? (
        <span id={errorId} className="channel-form-error" role="alert" data-testid={errorTestId}>
          {error}
        </span>
      ) : (
        <span className="form-hint">{hint}</span>
      )}
      <FormActions {...actions} />
    </div>
  );
}

interface TeamScopeSelectProps {
  id: string;
  testId: string;
  /** The chosen team's id, or `everyTeam`. */
  value: string;
  /** The teams this user may choose. */
  teams: readonly { id: string; name: string }[];
  /** Offered to admins only. */
  allowEveryTeam: boolean;
  /** The value standing for every team. */
  everyTeam: string;
  onChange: (teamId: string) => void;
}

/** Which team a team-scoped setting is for; one of a team not in the list (an admin's, seen by a lead) still shows its team. */
export function TeamScopeSelect({ id, testId, value, teams, allowEveryTeam, everyTeam, onChange }: TeamScopeSelectProps) {
  const missing = value !== everyTeam && !teams.some((t) => t.id === value);
  return (
    <select id={id} className="select" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
      {allowEveryTeam ? <option value={everyTeam}>Every team</option> : null}
      {teams.map((team) => (
        <option key={team.id} value={team.id}>
          {team.name}
        </option>
      ))}
      {missing ? <option value={value}>Another team</option> : null}
    </select>
  );
}
