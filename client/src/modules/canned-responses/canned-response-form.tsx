import { useId, useState } from 'react';
import { CANNED_VARIABLES, fillCannedResponse, type CannedResponse, type CreateCannedResponseBody, type Team } from '@rapport/shared';
import { languageLabel } from '../../lib/language-label';
import { FormField, FormFooter, TeamScopeSelect } from '../../ui/form-parts';
import { useSaveForm } from '../../ui/use-save-form';
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
  const { create, update } = useCannedResponseMutations();
  const { pending, error, submit } = useSaveForm({ create, update, editing });
  const ids = { languageHint: useId(), bodyHint: useId(), preview: useId(), error: useId() };
  const unknown = unknownVariables(draft.body);
  const set = (patch: Partial<CannedDraft>) => setDraft({ ...draft, ...patch });
  const save = (body: CreateCannedResponseBody) => {
    if (reply) update.mutate({ id: reply.id, body }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <form
      className="channel-form canned-form"
      data-testid="canned-form"
      data-mode={editing ? 'edit' : 'create'}
      aria-label={editing ? `Edit canned reply /${reply.shortcut}` : 'New canned reply'}
      aria-describedby={error ? ids.error : undefined}
      noValidate
      onSubmit={submit(() => buildCannedBody(draft), save)}
    >
      <div className="channel-form-grid">
        <FormField
          label={
            <>
              Shortcut <span className="muted">· typed after /</span>
            </>
          }
        >
          {(id) => (
            <span className="canned-shortcut-input">
              <span className="canned-slash" aria-hidden="true">
                /
              </span>
              <input id={id} className="text-input" data-testid="canned-form-shortcut" autoComplete="off" autoFocus spellCheck={false} placeholder="refund-late" value={draft.shortcut} onChange={(e) => set({ shortcut: e.target.value })} />
            </span>
          )}
        </FormField>
        <FormField label="Title">
          {(id) => <input id={id} className="text-input" data-testid="canned-form-title" autoComplete="off" placeholder="e.g. “Refund for a late parcel”" value={draft.title} onChange={(e) => set({ title: e.target.value })} />}
        </FormField>
        <FormField label="For">
          {(id) => <TeamScopeSelect id={id} testId="canned-form-team" value={draft.teamId} teams={teams} allowEveryTeam={allowEveryTeam} everyTeam={EVERY_TEAM} onChange={(teamId) => set({ teamId })} />}
        </FormField>
        <FormField label="Language">
          {(id) => (
            <>
              <select id={id} className="select" data-testid="canned-form-language" aria-describedby={ids.languageHint} value={draft.language} onChange={(e) => set({ language: e.target.value })}>
                {languageChoices(draft.language === ANY_LANGUAGE ? null : draft.language).map((code) => (
                  <option key={code} value={code}>
                    {code === ANY_LANGUAGE ? 'Any language' : languageLabel(code)}
                  </option>
                ))}
              </select>
              <span id={ids.languageHint} className="form-hint">
                Offered first to customers who speak it.
              </span>
            </>
          )}
        </FormField>
      </div>
      <FormField label="Reply">
        {(id) => (
          <>
            <textarea
              id={id}
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
          </>
        )}
      </FormField>
      {draft.body.trim() ? (
        <div className="canned-form-preview" id={ids.preview} data-testid="canned-form-preview">
          <span className="form-label">Preview for {SAMPLE_CUSTOMER}</span>
          <p>{fillCannedResponse(draft.body, { customer: { name: SAMPLE_CUSTOMER }, agent: { name: user.name } })}</p>
        </div>
      ) : null}
      <FormFooter
        error={error}
        errorId={ids.error}
        errorTestId="canned-form-error"
        hint="Agents type / and the shortcut or title in the reply box; the reply goes in filled in."
        pending={pending}
        onCancel={onDone}
        saveTestId="canned-form-save"
        saveLabel={editing ? 'Save reply' : 'Create reply'}
      />
    </form>
  );
}
