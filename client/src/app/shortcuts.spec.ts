import { describe, expect, it } from '@jest/globals';
import { shortcutFor, stepThrough, type KeyPress, type ShortcutAction, type ShortcutContext } from './shortcuts';

const BODY = { tagName: 'BODY' };
const TEXTAREA = { tagName: 'TEXTAREA' };
const SEARCH = { tagName: 'INPUT', type: 'search' };

function press(key: string, target: KeyPress['target'] = BODY, extra: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, target, ...extra };
}

const OPEN: ShortcutContext = { view: 'inbox', conversationOpen: true, helpOpen: false, otherModalOpen: false };
const NOTHING_OPEN: ShortcutContext = { ...OPEN, conversationOpen: false };

describe('shortcutFor', () => {
  it.each<[string, KeyPress, ShortcutContext, ShortcutAction | null]>([
    ['j opens the next conversation', press('j'), OPEN, 'next'],
    ['k the previous one', press('k'), OPEN, 'previous'],
    ['j works with nothing open', press('j'), NOTHING_OPEN, 'next'],
    ['r replies', press('r'), OPEN, 'reply'],
    ['n writes a note', press('n'), OPEN, 'note'],
    ['e resolves', press('e'), OPEN, 'resolve'],
    ['s snoozes', press('s'), OPEN, 'snooze'],
    ['a assigns', press('a'), OPEN, 'assign'],
    ['? (Shift is no modifier: it types the ?) shows the help', press('?'), OPEN, 'help'],
    ['? shows the help in other views', press('?'), { ...OPEN, view: 'team' }, 'help'],
    ['? hides the help again', press('?'), { ...OPEN, helpOpen: true }, 'help'],
    ['nothing else while the help is open', press('j'), { ...OPEN, helpOpen: true }, null],
    ['r needs an open conversation', press('r'), NOTHING_OPEN, null],
    ['e needs an open conversation', press('e'), NOTHING_OPEN, null],
    ['j is only for the inbox', press('j'), { ...OPEN, view: 'reports' }, null],
    ['r is only for the inbox', press('r'), { ...OPEN, view: 'team' }, null],
    ['never while typing a reply', press('e', TEXTAREA), OPEN, null],
    ['never in the search box', press('j', SEARCH), OPEN, null],
    ['never in an untyped input', press('j', { tagName: 'input' }), OPEN, null],
    ['never in a select', press('a', { tagName: 'SELECT' }), OPEN, null],
    ['never in an editable element', press('r', { tagName: 'DIV', isContentEditable: true }), OPEN, null],
    ['/ typed in the composer is left to it', press('/', TEXTAREA), OPEN, null],
    ['/ elsewhere means nothing', press('/'), OPEN, null],
    ['? typed in the composer is text', press('?', TEXTAREA), OPEN, null],
    ['a checkbox takes no text', press('e', { tagName: 'INPUT', type: 'checkbox' }), OPEN, 'resolve'],
    ['on a focused button', press('r', { tagName: 'BUTTON' }), OPEN, 'reply'],
    ['Escape leaves a text field', press('Escape', TEXTAREA), OPEN, 'leave-field'],
    ['Escape leaves the search box', press('Escape', SEARCH), OPEN, 'leave-field'],
    ['Escape in a select is the select’s', press('Escape', { tagName: 'SELECT' }), OPEN, null],
    ['Escape in a dialog’s field closes the dialog instead', press('Escape', TEXTAREA), { ...OPEN, otherModalOpen: true }, null],
    ['Escape already handled (a popup closed)', press('Escape', TEXTAREA, { defaultPrevented: true }), OPEN, null],
    ['Ctrl+R reloads', press('r', BODY, { ctrlKey: true }), OPEN, null],
    ['Cmd+E is the browser’s', press('e', BODY, { metaKey: true }), OPEN, null],
    ['Alt+J is not j', press('j', BODY, { altKey: true }), OPEN, null],
    ['Shift+J is not j', press('J'), OPEN, null],
    ['not in the middle of an IME composition', press('j', BODY, { isComposing: true }), OPEN, null],
    ['not while another dialog is open', press('e'), { ...OPEN, otherModalOpen: true }, null],
    ['no help over another dialog', press('?'), { ...OPEN, otherModalOpen: true }, null],
    ['unknown keys', press('x'), OPEN, null],
    ['named keys', press('Enter'), OPEN, null],
    ['no target (a synthetic event)', press('j', null), OPEN, 'next'],
  ])('%s', (_name, event, context, expected) => {
    expect(shortcutFor(event, context)).toBe(expected);
  });
});

describe('stepThrough', () => {
  const ids = ['a', 'b', 'c'];
  it.each<[readonly string[], string | null, 1 | -1, string | null]>([
    [ids, null, 1, 'a'],
    [ids, null, -1, 'a'],
    [ids, 'a', 1, 'b'],
    [ids, 'b', 1, 'c'],
    [ids, 'c', 1, null],
    [ids, 'b', -1, 'a'],
    [ids, 'a', -1, null],
    // The open one left the list (resolved, reassigned): start again from the top.
    [ids, 'gone', 1, 'a'],
    [ids, 'gone', -1, 'a'],
    [[], null, 1, null],
    [[], 'a', -1, null],
  ])('%j from %s by %d', (list, selected, step, expected) => {
    expect(stepThrough(list, selected, step)).toBe(expected);
  });
});
