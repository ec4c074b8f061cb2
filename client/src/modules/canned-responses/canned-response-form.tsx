import { useId, useState, type FormEvent } from 'react';
import { CANNED_VARIABLES, fillCannedResponse, type CannedResponse, type Team } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { languageLabel } from '../../lib/language-label';
import { useCurrentUser } from '../auth/use-session';
import { languageChoices } from '../customer/customer-edits';
import { ANY_LANGUAGE, buildCannedBody, cannedDraftOf, emptyCannedDraft, EVERY_TEAM, unknownVariables, type CannedDraft } from './canned-form';
import { useCannedResponseMutations } from './use-canned-responses';

/** Who the preview greets. */
const SAMPLE_CUSTOMER = 'Ada Lovelace';

interface CannedResponseFormProps {
  /** The reply being edited; none for a new one. */
  reply?: CannedResponse;
  /** The teams this user may write replies for. */
  teams: readonly Team[];
  /** Admins may write replies for every team; leads only for theirs. */
  allowEveryTeam: boolean;
  onDone: () => void;
}

/** New canned reply, or edit of one: its shortcut, title, team, language and body, with a filled-in preview. */
export function CannedResponseForm({ reply, teams, allowEveryTeam, onDone }: CannedResponseFormProps) {
  const user = useCurrentUser();
  const editing = reply !== undefined;
  const [draft, setDraft] = useState<CannedDraft>(() => (reply ? cannedDraftOf(reply) : emptyCannedDraft(allowEveryTeam ? EVERY_TEAM : (teams[0]?.id ?? EVERY_TEAM))));
  const [problem, setProblem] = useState<string | null>(null);
  const { create, update } = useCannedResponseMutations();
  const pending = create.isPending || update.isPending;
  const serverError = editing ? update.error : create.error;
  const error = problem ?? (serverError ? errorMessage(serverError) : null);
  const ids = { shortcut: useId(), title: useId(), team: useId(), language: useId(), languageHint: useId(), body: useId(), bodyHint: useId(), preview: useId(), error: useId() };
  // A reply of a team not in the list (an admin's, seen by a lead) still shows its team.
  const teamMissing = draft.teamId !== EVERY_TEAM && !teams.some((t) => t.id === draft.teamId);
  const unknown = unknownVariables(draft.body);
  const set = (patch: Partial<CannedDraft>) => setDraft({ ...draft, ...patch });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    create.reset();
    update.reset();
    const built = buildCannedBody(draft);
    if (!built.ok) return setProblem(built.error);
    setProblem(null);
    if (reply) update.mutate({ id: reply.id, body: built.body }, { onSuccess: onDone });
    else create.mutate(built.body, { onSuccess: onDone });
  };

  return (
    <form
      className="channel-form canned-form"
      data-testid="canned-form"
      data-mode={editing ? 'edit' : 'create'}
      aria-label={editing ? `Edit canned reply /${reply.shortcut}` : 'New canned reply'}
      aria-describedby={error ? ids.error : undefined}
      noValidate
      onSubmit={submit}
    >
      <div className="channel-form-grid">
        <div className="form-field">
          <label htmlFor={ids.shortcut} className="form-label">
            Shortcut <span className="muted">· typed after /</span>
          </label>
          <span className="canned-shortcut-input">
            <span className="canned-slash" aria-hidden="true">
              /
            </span>
            <input id={ids.shortcut} className="text-input" data-testid="canned-form-shortcut" autoComplete="off" autoFocus spellCheck={false} placeholder="refund-late" value={draft.shortcut} onChange={(e) => set({ shortcut: e.target.value })} />
          </span>
        </div>
        <div className="form-field">
          <label htmlFor={ids.title} className="form-label">
            Title
          </label>
          <input id={ids.title} className="text-input" data-testid="canned-form-title" autoComplete="off" placeholder="e.g. “Refund for a late parcel”" value={draft.title} onChange={(e) => set({ title: e.target.value })} />
        </div>
        <div className="form-field">
          <label htmlFor={ids.team} className="form-label">
            For
          </label>
          <select id={ids.team} className="select" data-testid="canned-form-team" value={draft.teamId} onChange={(e) => set({ teamId: e.target.value })}>
            {allowEveryTeam ? <option value={EVERY_TEAM}>Every team</option> : null}
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
            {teamMissing ? <option value={draft.teamId}>Another team</option> : null}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={ids.language} className="form-label">
            Language
          </label>
          <select id={ids.language} className="select" data-testid="canned-form-language" aria-describedby={ids.languageHint} value={draft.language} onChange={(e) => set({ language: e.target.value })}>
            {languageChoices(draft.language === ANY_LANGUAGE ? null : draft.language).map((code) => (
              <option key={code} value={code}>
                {code === ANY_LANGUAGE ? 'Any language' : languageLabel(code)}
              </option>
            ))}
          </select>
          <span id={ids.languageHint} className="form-hint">
            Offered first to customers who speak it.
          </span>
        </div>
      </div>
      <div className="form-field">
        <label htmlFor={ids.body} className="form-label">
          Reply
        </label>
        <textarea
          id={ids.body}
          className="text-input canned-body-input"
          data-testid="canned-form-body"
          rows={4}
          aria-describedby={draft.body.trim() ? `${ids.bodyHint} ${ids.preview}` : ids.bodyHint}
          value={draft.body}
          onChange={(e) => set({ body: e.target.value })}
        />
        <span id={ids.bodyHint} className="form-hint">
          Variables: {CANNED_VARIABLES.map((v) => `{{${v}}}`).join(', ')}.
          {unknown.length ? ` Not variables, sent as written: ${unknown.join(', ')}.` : ''}
        </span>
      </div>
      {draft.body.trim() ? (
        <div className="canned-form-preview" id={ids.preview} data-testid="canned-form-preview">
          <span className="form-label">Preview for {SAMPLE_CUSTOMER}</span>
          <p>{fillCannedResponse(draft.body, { customer: { name: SAMPLE_CUSTOMER }, agent: { name: user.name } })}</p>
        </div>
      ) : null}
      <div className="channel-form-footer">
        {error ? (
          <span id={ids.error} className="channel-form-error" role="alert" data-testid="canned-form-error">
            {error}
          </span>
        ) : (
          <span className="form-hint">Agents type / and the shortcut or title in the reply box; the reply goes in filled in.</span>
        )}
        <div className="channel-form-actions">
          <button type="button" className="button button-quiet" onClick={onDone} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="canned-form-save" disabled={pending}>
            {pending ? 'Saving…' : editing ? 'Save reply' : 'Create reply'}
          </button>
        </div>
      </div>
    </form>
  );
}
