import { useCallback, useEffect, useRef, useState } from 'react';
import { holdComposerFocus, releaseComposerFocus } from '../lib/composer-focus';
import { parseRoute, type AppRoute } from './app-route';
import { shortcutFor, stepThrough, type ShortcutAction } from './shortcuts';

interface ShortcutOptions {
  view: AppRoute['view'];
  onSelect: (id: string) => void;
}

/** Read from the address at the key press: a fast j after j must step on from the one just opened, rendered yet or not. */
function openConversationId(view: AppRoute['view']): string | null {
  const route = parseRoute(window.location.hash);
  return view === 'inbox' && route.view === 'inbox' ? route.conversationId : null;
}

/** Dialogs other than the shortcut help (marked data-shortcut="help") own the keyboard while open. */
const OTHER_MODAL = ':is(dialog:modal, [aria-modal="true"]):not([data-shortcut="help"])';

/*
 * Shortcuts press the very controls the screen shows (marked with data-shortcut), so they do exactly
 * what a click does: same permissions, same disabled states, same error messages.
 */
function control<T extends HTMLElement>(name: string): T | null {
  return document.querySelector<T>(`[data-shortcut="${name}"]`);
}

function press(name: string): void {
  const button = control<HTMLButtonElement>(name);
  if (button && !button.disabled) button.click();
}

function focusComposer(mode: 'reply' | 'note'): void {
  const noteToggle = control<HTMLInputElement>('note-toggle');
  // Where only notes are allowed the toggle is locked on: r then still opens the (note) composer.
  if (noteToggle && !noteToggle.disabled && noteToggle.checked !== (mode === 'note')) noteToggle.click();
  control<HTMLTextAreaElement>('composer')?.focus();
}

function openSnoozeMenu(): void {
  const trigger = control<HTMLButtonElement>('snooze');
  if (!trigger || trigger.disabled) return;
  if (trigger.getAttribute('aria-expanded') !== 'true') trigger.click();
  // The menu renders after this event: then its first choice takes the focus, for the arrow keys and Enter.
  requestAnimationFrame(() => trigger.parentElement?.querySelector<HTMLElement>('[role="menuitem"]')?.focus());
}

function openAssignee(): void {
  const target = control<HTMLElement>('assign');
  if (target instanceof HTMLSelectElement) {
    if (target.disabled) return;
    target.focus();
    try {
      target.showPicker();
    } catch {
      // Not every browser opens a select on request: focused, the arrow keys choose.
    }
  } else if (target instanceof HTMLButtonElement && !target.disabled) {
    target.click();
  }
}

/** The conversations of the list on screen (by status, or the follow-ups), top to bottom. */
function listedIds(): string[] {
  const rows = document.querySelectorAll<HTMLElement>('[data-shortcut="list"] button[data-conversation-id]');
  return [...new Set(Array.from(rows, (row) => row.dataset.conversationId ?? ''))].filter((id) => id !== '');
}

function listRow(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-shortcut="list"] button[data-conversation-id="${CSS.escape(id)}"]`);
}

/** The keyboard shortcuts of the whole app (see SHORTCUTS); answers whether the help overlay is open. */
export function useShortcuts(options: ShortcutOptions): { helpOpen: boolean; closeHelp: () => void } {
  const [helpOpen, setHelpOpen] = useState(false);
  const latest = useRef({ options, helpOpen });
  useEffect(() => {
    latest.current = { options, helpOpen };
  });

  useEffect(() => {
    const run = (action: ShortcutAction, target: HTMLElement | null) => {
      const { view, onSelect } = latest.current.options;
      switch (action) {
        case 'next':
        case 'previous': {
          const selectedId = openConversationId(view);
          const id = stepThrough(listedIds(), selectedId, action === 'next' ? 1 : -1);
          if (id === null || id === selectedId) return;
          holdComposerFocus();
          onSelect(id);
          // The list keeps the focus (and scrolls to it), ready for the next j or k.
          requestAnimationFrame(() => listRow(id)?.focus());
          return;
        }
        case 'reply':
        case 'note':
          focusComposer(action);
          return;
        case 'resolve':
          press('resolve');
          return;
        case 'snooze':
          openSnoozeMenu();
          return;
        case 'assign':
          openAssignee();
          return;
        case 'help':
          setHelpOpen((open) => !open);
          return;
        case 'leave-field':
          // After the field's own Escape (a dropped edit) has rendered, so leaving it saves nothing stale,
          // and before the next key arrives.
          queueMicrotask(() => {
            if (target && document.activeElement === target) target.blur();
          });
          return;
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const { options: current, helpOpen: help } = latest.current;
      const { key, ctrlKey, metaKey, altKey, isComposing, defaultPrevented } = event;
      const action = shortcutFor({ key, ctrlKey, metaKey, altKey, isComposing, defaultPrevented, target }, {
        view: current.view,
        conversationOpen: openConversationId(current.view) !== null,
        helpOpen: help,
        otherModalOpen: document.querySelector(OTHER_MODAL) !== null,
      });
      if (action === null) return;
      // The letter must not also land in the field the shortcut just focused; Escape keeps its own meaning.
      if (action !== 'leave-field') event.preventDefault();
      run(action, target);
    };
    const onPointerDown = () => releaseComposerFocus();
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, []);

  const closeHelp = useCallback(() => setHelpOpen(false), []);
  return { helpOpen, closeHelp };
}
