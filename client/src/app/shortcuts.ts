import type { AppRoute } from './app-route';

export type ShortcutAction = 'next' | 'previous' | 'reply' | 'note' | 'resolve' | 'snooze' | 'assign' | 'help' | 'leave-field';

/** The parts of a keydown that decide a shortcut (a KeyboardEvent has them all). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
  /** Already handled by the element itself (a popup's Escape, a menu's arrows). */
  defaultPrevented?: boolean;
  target: { tagName: string; type?: string; isContentEditable?: boolean } | null;
}

export interface ShortcutContext {
  view: AppRoute['view'];
  conversationOpen: boolean;
  helpOpen: boolean;
  /** Some other dialog has the page (a form, a confirmation): its keys are its own. */
  otherModalOpen: boolean;
}

/** What the help overlay and the README list, in this order. */
export const SHORTCUTS: ReadonlyArray<{ keys: readonly string[]; action: string }> = [
  { keys: ['j', 'k'], action: 'Next / previous conversation in the list (opens it)' },
  { keys: ['r'], action: 'Reply to the customer' },
  { keys: ['n'], action: 'Write a private note' },
  { keys: ['e'], action: 'Resolve the conversation' },
  { keys: ['s'], action: 'Snooze (opens the snooze menu)' },
  { keys: ['a'], action: 'Assign (opens the assignee choice)' },
  { keys: ['/'], action: 'In the reply box: canned replies' },
  { keys: ['Esc'], action: 'Leave the text field, so the shortcuts work again' },
  { keys: ['?'], action: 'Show or hide this list' },
];

const CONVERSATION_KEYS: ReadonlyMap<string, ShortcutAction> = new Map([
  ['r', 'reply'],
  ['n', 'note'],
  ['e', 'resolve'],
  ['s', 'snooze'],
  ['a', 'assign'],
]);
const LIST_KEYS: ReadonlyMap<string, ShortcutAction> = new Map([
  ['j', 'next'],
  ['k', 'previous'],
]);
/** Inputs that take no typed text: a letter pressed on a checkbox is still a shortcut. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

function typingTarget(target: KeyPress['target']): 'text' | 'select' | null {
  if (!target) return null;
  if (target.isContentEditable) return 'text';
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA') return 'text';
  if (tag === 'SELECT') return 'select';
  if (tag === 'INPUT') return NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase()) ? null : 'text';
  return null;
}

/**
 * The shortcut a key press means here, or null to leave it alone (never while typing, never with Ctrl, Cmd
 * or Alt, so `/` in the composer and the browser's own shortcuts keep working).
 */
export function shortcutFor(event: KeyPress, context: ShortcutContext): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.defaultPrevented) return null;
  const typing = typingTarget(event.target);
  if (typing !== null) return typing === 'text' && event.key === 'Escape' && !context.otherModalOpen && !context.helpOpen ? 'leave-field' : null;
  if (context.helpOpen) return event.key === '?' ? 'help' : null;
  if (context.otherModalOpen) return null;
  if (event.key === '?') return 'help';
  if (context.view !== 'inbox') return null;
  const listAction = LIST_KEYS.get(event.key);
  if (listAction) return listAction;
  const conversationAction = CONVERSATION_KEYS.get(event.key);
  return conversationAction && context.conversationOpen ? conversationAction : null;
}

/** The conversation j (step 1) or k (step -1) opens: the first when none of the list is open, none past either end. */
export function stepThrough(ids: readonly string[], selectedId: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = selectedId === null ? -1 : ids.indexOf(selectedId);
  if (at === -1) return ids[0] ?? null;
  const next = ids[at + step];
  return next ?? null;
}
