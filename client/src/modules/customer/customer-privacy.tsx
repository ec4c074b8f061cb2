import { useEffect, useId, useRef, useState } from 'react';
import type { CustomerProfile } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { formatFullDateTime } from '../../lib/format-time';
import { describeErasure, ERASE_WORD, erasureConfirmed } from './erase-confirmation';
import { useEraseCustomer, useExportCustomer } from './use-customer-privacy';
import { keepFocusInside } from '../../ui/focus-trap';

interface EraseDialogProps {
  profile: CustomerProfile;
  onClose: () => void;
  onErased: (summary: string) => void;
}

/** A modal that names what goes and what stays, and asks for the customer's name or ERASE before it erases. */
function EraseDialog({ profile, onClose, onErased }: EraseDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const erase = useEraseCustomer(
    profile.id,
    profile.conversations.map((c) => c.id),
  );
  const titleId = useId();
  const inputId = useId();
  const hintId = useId();
  const confirmed = erasureConfirmed(typed, profile.name);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      dialog.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  const submit = () => {
    if (!confirmed || erase.isPending) return;
    erase.mutate(undefined, { onSuccess: (counts) => onErased(`Erased ${describeErasure(counts)}.`) });
  };

  return (
    <dialog ref={dialogRef} className="erase-dialog" data-testid="erase-dialog" aria-labelledby={titleId} onClose={onClose} onKeyDown={keepFocusInside}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="erase-dialog-header">
          <h2 id={titleId}>Erase {profile.name}?</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <p>This cannot be undone. Removed everywhere, the live event history included:</p>
        <ul className="erase-dialog-list">
          <li>their name, handles, avatars, email, phone, notes, tags and other profile fields</li>
          <li>
            the text and attachments of every message in their {profile.stats.conversations === 1 ? 'conversation' : `${profile.stats.conversations} conversations`},
            replies and private notes included, and follow-up notes
          </li>
          <li>
            their {profile.identities.length === 1 ? 'account' : `${profile.identities.length} accounts`}: a message from them later starts a new customer
          </li>
        </ul>
        <p className="muted">Kept: the figures (response times, SLA breaches, volumes, assignment history) and the audit log.</p>
        <div className="form-field">
          <label htmlFor={inputId} className="form-label">
            Type the customer’s name or {ERASE_WORD} to confirm
          </label>
          <input
            id={inputId}
            className="text-input"
            data-testid="erase-confirm-input"
            autoComplete="off"
            aria-describedby={hintId}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
          <span id={hintId} className="form-hint">
            Their name here: {profile.name}
          </span>
        </div>
        {erase.isError ? (
          <p className="field-error" role="alert" data-testid="erase-error">
            Not erased: {errorMessage(erase.error)}
          </p>
        ) : null}
        <div className="erase-dialog-actions">
          <button type="button" className="button button-quiet" onClick={onClose} disabled={erase.isPending}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" data-testid="erase-confirm" disabled={!confirmed || erase.isPending}>
            {erase.isPending ? 'Erasing…' : 'Erase customer'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Admins and managers: everything held about the customer as a download, or all of it erased. */
export function CustomerPrivacy({ profile }: { profile: CustomerProfile }) {
  const exporting = useExportCustomer(profile.id);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [erased, setErased] = useState<string | null>(null);

  return (
    <div className="customer-privacy" data-testid="customer-privacy">
      {profile.erasedAt ? (
        <p className="muted" data-testid="customer-erased">
          Erased {formatFullDateTime(profile.erasedAt)}: names, handles and messages are gone, the figures stay.
        </p>
      ) : null}
      <div className="customer-privacy-actions">
        <button type="button" className="button button-small" data-testid="customer-export" disabled={exporting.isPending} onClick={() => exporting.mutate()}>
          {exporting.isPending ? 'Preparing…' : 'Export data'}
        </button>
        {profile.erasedAt ? null : (
          <button type="button" className="button button-small button-danger" data-testid="customer-erase" onClick={() => setDialogOpen(true)}>
            Erase customer…
          </button>
        )}
      </div>
      {exporting.isError ? (
        <p className="field-error" role="alert">
          Export failed: {errorMessage(exporting.error)}
        </p>
      ) : null}
      {exporting.isSuccess ? (
        <p className="muted" role="status" data-testid="customer-export-done">
          Downloaded. The export is recorded in the audit log.
        </p>
      ) : null}
      {erased ? (
        <p role="status" data-testid="customer-erase-done">
          {erased}
        </p>
      ) : null}
      {dialogOpen ? (
        <EraseDialog
          profile={profile}
          onClose={() => setDialogOpen(false)}
          onErased={(summary) => {
            setErased(summary);
            setDialogOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}
