import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';
import { keepFocusInside } from '../ui/focus-trap';

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
