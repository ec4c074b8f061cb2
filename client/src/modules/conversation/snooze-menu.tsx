import { useEffect, useRef, useState } from 'react';
import { formatShortDateTime } from '../../lib/format-time';
import { moveMenuFocus } from '../../ui/menu-keys';
import { snoozeOptions, type SnoozeOption } from './snooze-options';

interface SnoozeMenuProps {
  disabled: boolean;
  onSnooze: (until: Date) => void;
}

export function SnoozeMenu({ disabled, onSnooze }: SnoozeMenuProps) {
  const [options, setOptions] = useState<SnoozeOption[] | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const open = options !== null;

  // Close on Escape or a click anywhere else, like any menu.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOptions(null);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOptions(null);
      // From the keyboard the focus was in the menu, which is gone now: back to its button.
      if (rootRef.current?.contains(document.activeElement)) rootRef.current.querySelector<HTMLElement>('.menu-trigger')?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const now = new Date();
  return (
    <div className="menu" ref={rootRef}>
      <button
        type="button"
        className="button button-quiet menu-trigger"
        data-testid="status-snooze"
        data-shortcut="snooze"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        // Times are computed when the menu opens, so "1 hour" means an hour from the click.
        onClick={() => setOptions(open ? null : snoozeOptions(new Date()))}
      >
        Snooze
      </button>
      {options ? (
        <div className="menu-popover" role="menu" onKeyDown={moveMenuFocus}>
          {options.map((option) => (
            <button
              key={option.label}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                setOptions(null);
                onSnooze(option.until);
              }}
            >
              <span>{option.label}</span>
              <span className="muted">{formatShortDateTime(option.until, now.getTime())}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
