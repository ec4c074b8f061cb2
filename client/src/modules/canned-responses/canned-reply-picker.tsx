import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { fillCannedResponse, type CannedResponse, type Conversation } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { languageLabel } from '../../lib/language-label';
import { useCurrentUser } from '../auth/use-session';
import { useCustomer } from '../customer/use-customer';
import { customerNameForReplies, findCannedTrigger, insertCannedText, rankCannedResponses } from './canned-search';
import { useCannedResponses } from './use-canned-responses';

/** Enough to choose from without the list covering the thread. */
const MAX_SHOWN = 8;

interface PickerOptions {
  conversation: Conversation;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  draft: string;
  setDraft: (text: string) => void;
}

export interface CannedReplyPicker {
  /** Spread on the reply box: it becomes the combobox of the ARIA combobox pattern. */
  inputProps: {
    role: 'combobox';
    'aria-autocomplete': 'list';
    'aria-expanded': boolean;
    'aria-controls': string | undefined;
    'aria-activedescendant': string | undefined;
    onSelect: () => void;
    onBlur: () => void;
  };
  /** Call first in the reply box's onKeyDown: true when the picker used the key (do nothing more with it). */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** The list of replies, shown while a `/word` is being typed. */
  popup: ReactNode;
}

/** Typing `/` at the start of the reply or of a word offers the canned replies; choosing one puts it in, filled in. */
export function useCannedReplyPicker({ conversation, inputRef, draft, setDraft }: PickerOptions): CannedReplyPicker {
  const user = useCurrentUser();
  const replies = useCannedResponses(conversation.teamId);
  const customer = useCustomer(conversation.customerId);
  const language = customer.data?.preferredLanguage ?? conversation.language;
  const listId = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState({ key: '', index: 0 });
  // Escape closes the list for the `/word` it was open for, until a new `/` is typed.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const trigger = caret === null ? null : findCannedTrigger(draft, caret);
  const open = trigger !== null && trigger.start !== dismissedAt;
  const query = open ? trigger.query : '';
  const matches = open ? rankCannedResponses(replies.data ?? [], query, language).slice(0, MAX_SHOWN) : [];
  const key = trigger ? `${trigger.start}:${trigger.query}` : '';
  const activeIndex = active.key === key ? Math.min(active.index, matches.length - 1) : 0;
  const expanded = open && matches.length > 0;
  const optionId = (index: number) => `${listId}-option-${index}`;

  const syncCaret = () => {
    const el = inputRef.current;
    setCaret(el && document.activeElement === el ? el.selectionStart : null);
  };

  // Where an insertion asked the caret to go, once the new text is in the box.
  useLayoutEffect(() => {
    const el = inputRef.current;
    if (!el || pendingCaret.current === null) return;
    el.focus();
    el.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [draft, inputRef]);

  useEffect(() => {
    if (expanded) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  });

  const fill = (reply: CannedResponse) =>
    fillCannedResponse(reply.body, { customer: { name: customerNameForReplies(conversation.customer) }, agent: { name: user.name } });

  const choose = (reply: CannedResponse) => {
    if (!trigger) return;
    const next = insertCannedText(draft, trigger, fill(reply));
    pendingCaret.current = next.caret;
    setCaret(next.caret);
    setDraft(next.text);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (event.key === '/') setDismissedAt(null);
    if (!open || event.nativeEvent.isComposing) return false;
    const move = (by: number) => {
      event.preventDefault();
      if (matches.length) setActive({ key, index: (activeIndex + by + matches.length) % matches.length });
    };
    switch (event.key) {
      case 'ArrowDown':
        move(1);
        return true;
      case 'ArrowUp':
        move(-1);
        return true;
      case 'Enter':
      case 'Tab': {
        const chosen = matches[activeIndex];
        if (!chosen || event.shiftKey) return false;
        event.preventDefault();
        choose(chosen);
        return true;
      }
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(trigger.start);
        return true;
      default:
        return false;
    }
  };

  let empty: string | null = null;
  if (open && matches.length === 0) {
    if (replies.isPending) empty = 'Loading canned replies…';
    else if (replies.isError) empty = `Could not load canned replies: ${errorMessage(replies.error)}`;
    else if (query) empty = `No canned reply matches “/${query}”`;
    else empty = 'No canned replies yet: leads add them in Team → Settings.';
  }

  const popup = (
    <>
      {/* Present before it speaks, so screen readers announce the count as it changes. */}
      <span className="visually-hidden" role="status">
        {expanded ? `${matches.length} canned ${matches.length === 1 ? 'reply' : 'replies'}` : ''}
      </span>
      {open ? (
        <div className="canned-popup" data-testid="canned-popup">
          {expanded ? (
            <ul id={listId} className="canned-list" role="listbox" aria-label="Canned replies">
              {matches.map((reply, index) => (
                <li
                  key={reply.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === activeIndex}
                  className={index === activeIndex ? 'canned-option is-active' : 'canned-option'}
                  data-testid="canned-option"
                  data-shortcut={reply.shortcut}
                  // Keep the focus (and the caret) in the reply box.
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive({ key, index })}
                  onClick={() => choose(reply)}
                >
                  <span className="canned-option-head">
                    <span className="canned-shortcut">/{reply.shortcut}</span>
                    <span className="canned-title">{reply.title}</span>
                    {reply.language ? <span className="canned-language">{languageLabel(reply.language)}</span> : null}
                  </span>
                  <span className="canned-preview">{fill(reply)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="canned-empty" data-testid="canned-empty">
              {empty}
            </p>
          )}
          <p className="canned-keys" aria-hidden="true">
            ↑↓ choose · Enter insert · Esc close
          </p>
        </div>
      ) : null}
    </>
  );

  return {
    inputProps: {
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': expanded,
      'aria-controls': expanded ? listId : undefined,
      'aria-activedescendant': expanded ? optionId(activeIndex) : undefined,
      onSelect: syncCaret,
      onBlur: () => setCaret(null),
    },
    onKeyDown,
    popup,
  };
}
