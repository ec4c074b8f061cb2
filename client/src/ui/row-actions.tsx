import { useState, type ReactNode } from 'react';

interface RowActionsProps {
  /** Prefix of the test ids: `-edit`, `-delete`, `-delete-confirm` and `-delete-cancel` follow it. */
  testId: string;
  onEdit: () => void;
  onDelete: () => void;
  /** The delete is on its way: its confirm button rests. */
  deleting?: boolean;
  /** Names for the Edit and Delete buttons when the row's own words are needed, e.g. "Edit /refund". */
  editLabel?: string;
  deleteLabel?: string;
  /** Whether this row's edit form is open: the Edit button says so, and rests. Left out where the list does not tell. */
  editing?: boolean;
  /** Names the confirmation, e.g. "Delete Support bot?", and moves the focus to Keep (the Delete button it was on is gone). */
  confirmLabel?: string;
}

/** Edit and Delete of a table row; Delete asks first, in place. */
export function RowActions({ testId, onEdit, onDelete, deleting, editLabel, deleteLabel, editing, confirmLabel }: RowActionsProps) {
  const [confirming, setConfirming] = useState(false);
  if (confirming) {
    return (
      <span className="row-confirm" role={confirmLabel ? 'group' : undefined} aria-label={confirmLabel}>
        <span className="row-confirm-text">Delete?</span>
        <button type="button" className="button button-danger button-small" data-testid={`${testId}-delete-confirm`} disabled={deleting} onClick={onDelete}>
          Delete
        </button>
        <button type="button" className="button button-quiet button-small" data-testid={`${testId}-delete-cancel`} autoFocus={confirmLabel !== undefined} onClick={() => setConfirming(false)}>
          Keep
        </button>
      </span>
    );
  }
  return (
    <span className="row-actions">
      <button type="button" className="button button-quiet button-small" data-testid={`${testId}-edit`} aria-label={editLabel} aria-expanded={editing} disabled={editing} onClick={onEdit}>
        Edit
      </button>
      <button type="button" className="button button-quiet button-small button-danger-quiet" data-testid={`${testId}-delete`} aria-label={deleteLabel} onClick={() => setConfirming(true)}>
        Delete
      </button>
    </span>
  );
}

/** The row under a table row that holds its edit form, across every column. */
export function EditRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr className="channel-edit-row">
      <td colSpan={columns}>{children}</td>
    </tr>
  );
}
