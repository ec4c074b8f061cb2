import { errorMessage } from '../../lib/error-message';

/** A change the server refused, next to the field it belongs to, until dismissed. */
export function SaveError({ error, onDismiss, testId }: { error: Error; onDismiss: () => void; testId: string }) {
  return (
    <div className="field-error panel-save-error" role="alert" data-testid={testId}>
      <span>Not saved: {errorMessage(error)}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
