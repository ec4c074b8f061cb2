import { formatShortDateTime } from '../../lib/format-time';
import { moveMenuFocus } from '../../ui/menu-keys';
import { usePopover } from '../../ui/use-popover';
import { snoozeOptions, type SnoozeOption } from './snooze-options';

interface SnoozeMenuProps {
  disabled: boolean;
  onSnooze: (until: Date) => void;
}

export function SnoozeMenu({ disabled, onSnooze }: SnoozeMenuProps) {
  const { value: options, setValue: setOptions, open, rootRef } = usePopover<SnoozeOption[]>({ refocusTrigger: true });

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
