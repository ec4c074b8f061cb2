import { useEffect, useRef, type KeyboardEvent } from 'react';
import { SHORTCUTS } from './shortcuts';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab go round inside the dialog instead of out to the browser's own controls. */
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/** The `?` overlay: a modal dialog (the page behind is inert), Escape or Close ends it and the focus goes back. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || !open) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      dialog.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="shortcut-help"
      data-shortcut="help"
      data-testid="shortcut-help"
      aria-labelledby="shortcut-help-title"
      // Escape closes a modal dialog by itself; the state must follow.
      onClose={onClose}
      onKeyDown={keepFocusInside}
    >
      <div className="shortcut-help-header">
        <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
        <button type="button" className="icon-button" aria-label="Close" data-testid="shortcut-help-close" onClick={onClose}>
          ×
        </button>
      </div>
      <p className="muted">They work whenever you are not typing in a field.</p>
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.action} className="shortcut-row">
            <dt>
              {shortcut.keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{shortcut.action}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}
