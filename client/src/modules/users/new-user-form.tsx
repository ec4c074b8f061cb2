import { useId, useState } from 'react';
import { ROLES, type Role, type Team } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { FormField, FormFooter } from '../../ui/form-parts';
import { buildNewUserBody, EMPTY_NEW_USER, MIN_PASSWORD_LENGTH, ROLE_LABELS, type NewUserDraft } from './users-rules';
import { useCreateUser } from './use-users';

/** A new account: who, their role, a first password they change later, and their teams. */
export function NewUserForm({ teams, onDone }: { teams: readonly Team[]; onDone: () => void }) {
  const [draft, setDraft] = useState<NewUserDraft>(EMPTY_NEW_USER);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateUser();
  const ids = { error: useId(), teams: useId() };
  const set = (patch: Partial<NewUserDraft>) => setDraft({ ...draft, ...patch });
  const toggleTeam = (teamId: string, on: boolean) => set({ teamIds: on ? [...draft.teamIds, teamId] : draft.teamIds.filter((t) => t !== teamId) });
  const error = problem ?? (create.error ? errorMessage(create.error) : null);

  return (
    <form
      className="channel-form"
      data-testid="user-form"
      aria-label="New user"
      aria-describedby={error ? ids.error : undefined}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (create.isPending) return;
        create.reset();
        const built = buildNewUserBody(draft);
        if (!built.ok) return setProblem(built.error);
        setProblem(null);
        create.mutate(built.body, { onSuccess: onDone });
      }}
    >
      <div className="channel-form-grid">
        <FormField label="Name">
          {(id) => <input id={id} className="text-input" data-testid="user-form-name" autoComplete="off" autoFocus value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
        </FormField>
        <FormField label="Email">
          {(id) => <input id={id} className="text-input" data-testid="user-form-email" type="email" autoComplete="off" value={draft.email} onChange={(e) => set({ email: e.target.value })} />}
        </FormField>
        <FormField label="Role">
          {(id) => (
            <select id={id} className="select" data-testid="user-form-role" value={draft.role} onChange={(e) => set({ role: e.target.value as Role })}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={`First password (at least ${MIN_PASSWORD_LENGTH} characters)`}>
          {(id) => <input id={id} className="text-input" data-testid="user-form-password" type="password" autoComplete="new-password" value={draft.password} onChange={(e) => set({ password: e.target.value })} />}
        </FormField>
        {teams.length > 0 ? (
          <fieldset className="form-field clock-choice" aria-describedby={ids.teams}>
            <legend className="form-label">Teams</legend>
            {teams.map((team) => (
              <label key={team.id} className="radio-label">
                <input type="checkbox" data-testid="user-form-team" checked={draft.teamIds.includes(team.id)} onChange={(e) => toggleTeam(team.id, e.target.checked)} />
                {team.name}
              </label>
            ))}
            <span id={ids.teams} className="form-hint">
              Agents get conversations of their teams.
            </span>
          </fieldset>
        ) : null}
      </div>
      <FormFooter
        error={error}
        errorId={ids.error}
        errorTestId="user-form-error"
        hint="They sign in with this email and password."
        pending={create.isPending}
        onCancel={onDone}
        saveTestId="user-form-save"
        saveLabel="Add user"
      />
    </form>
  );
}
