import { useId, useState } from 'react';
import { errorMessage } from '../../lib/error-message';
import { notesFromText } from './customer-edits';
import { useUpdateCustomer } from './use-update-customer';

/**
 * What the team remembers about the customer. Saved when the field is left (or with the button, or
 * Ctrl/⌘+Enter); Escape drops the change. A refused save keeps the typed text so nothing is lost.
 */
export function CustomerNotesEditor({ customerId, notes }: { customerId: string; notes: string | null }) {
  const update = useUpdateCustomer(customerId);
  // null: showing the saved notes (which follow the cache); a string: the agent is editing.
  const [draft, setDraft] = useState<string | null>(null);
  const errorId = useId();
  const next = draft === null ? notes : notesFromText(draft);
  const dirty = draft !== null && next !== notes;

  const save = () => {
    if (draft === null) return;
    const attempt = draft;
    setDraft(null);
    if (next === notes) return;
    update.mutate({ notes: next }, { onError: () => setDraft(attempt) });
  };

  return (
    <div className="notes-editor">
      <textarea
        className={dirty ? 'notes-input is-dirty' : 'notes-input'}
        data-testid="customer-notes"
        aria-label="Notes about this customer"
        aria-describedby={update.isError ? errorId : undefined}
        placeholder="What to remember: promises made, preferences, context…"
        rows={3}
        maxLength={10000}
        value={draft ?? notes ?? ''}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            save();
          }
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      <div className="notes-footer">
        {update.isError ? (
          <span id={errorId} className="field-error" role="alert" data-testid="customer-notes-error">
            Not saved: {errorMessage(update.error)}
          </span>
        ) : update.isPending ? (
          <span className="muted">Saving…</span>
        ) : dirty ? (
          <span className="muted">Saved when you leave the field</span>
        ) : null}
        {dirty ? (
          <button
            type="button"
            className="button button-primary button-small"
            data-testid="customer-notes-save"
            // Keep the focus in the field, so the click is the save (not the blur before it).
            onMouseDown={(e) => e.preventDefault()}
            onClick={save}
          >
            Save
          </button>
        ) : null}
      </div>
    </div>
  );
}
