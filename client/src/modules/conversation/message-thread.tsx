import { Fragment, useLayoutEffect, useRef } from 'react';
import type { Message } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { formatDayLabel, isSameDay } from '../../lib/format-time';
import { useTypingAgents } from '../../lib/realtime-context';
import { useNow } from '../../lib/use-now';
import { EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { useCurrentUser } from '../auth/use-session';
import { MessageBubble } from './message-bubble';
import { isLocalMessage } from './messages-cache';
import { useMessages } from './use-messages';

/** Within this many pixels of the end the view follows new messages; further up the agent is reading. */
const STICK_TO_BOTTOM_PX = 120;
/** Consecutive messages by one author within this window share one author line. */
const GROUP_WINDOW_MS = 5 * 60 * 1000;

function startsGroup(message: Message, previous: Message | undefined): boolean {
  if (!previous) return true;
  if (previous.authorType !== message.authorType || previous.authorId !== message.authorId || previous.private !== message.private) return true;
  return Date.parse(message.createdAt) - Date.parse(previous.createdAt) > GROUP_WINDOW_MS;
}

function TypingNotice({ conversationId }: { conversationId: string }) {
  const user = useCurrentUser();
  const typing = useTypingAgents(conversationId).filter((a) => a.userId !== user.id);
  if (typing.length === 0) return null;
  const names = typing.map((a) => a.name).join(', ');
  return (
    <div className="typing-notice" aria-live="polite">
      <span className="typing-dots" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      {names} {typing.length === 1 ? 'is' : 'are'} typing…
    </div>
  );
}

export function MessageThread({ conversationId }: { conversationId: string }) {
  const { query, loadOlder, loadingOlder, loadOlderError } = useMessages(conversationId);
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const previous = useRef<{ firstId?: string; lastId?: string; scrollHeight: number }>({ scrollHeight: 0 });
  const items = query.data?.items;

  // Keep the reading position stable: jump to the end on open, follow new messages only when already
  // at the end (or when it is our own), and keep the same message in view when older ones are prepended.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !items) return;
    const firstId = items[0]?.id;
    const last = items[items.length - 1];
    const before = previous.current;
    if (before.lastId === undefined) {
      el.scrollTop = el.scrollHeight;
    } else if (firstId !== before.firstId && last?.id === before.lastId) {
      el.scrollTop += el.scrollHeight - before.scrollHeight;
    } else if (last?.id !== before.lastId && (nearBottom.current || (last && isLocalMessage(last)))) {
      el.scrollTop = el.scrollHeight;
    }
    previous.current = { firstId, lastId: last?.id, scrollHeight: el.scrollHeight };
  }, [items]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (el) nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_TO_BOTTOM_PX;
  };

  if (query.isPending) {
    return (
      <div className="thread thread-placeholder" data-testid="thread" aria-busy="true">
        <Spinner label="Loading messages" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="thread thread-placeholder" data-testid="thread">
        <InlineError onRetry={() => void query.refetch()}>Could not load messages: {errorMessage(query.error)}</InlineError>
      </div>
    );
  }

  const messages = query.data.items;
  return (
    <div className="thread" data-testid="thread" ref={scrollRef} onScroll={onScroll} aria-label="Messages">
      <div className="thread-inner">
        {query.data.hasOlder ? (
          <div className="load-older">
            <button type="button" className="button button-quiet button-small" data-testid="load-older" disabled={loadingOlder} onClick={loadOlder}>
              {loadingOlder ? 'Loading…' : 'Load older messages'}
            </button>
            {loadOlderError ? <InlineError>{errorMessage(loadOlderError)}</InlineError> : null}
          </div>
        ) : null}
        {messages.length === 0 ? <EmptyState title="No messages yet" /> : null}
        {messages.map((message, i) => {
          const prev = messages[i - 1];
          const newDay = !prev || !isSameDay(prev.createdAt, message.createdAt);
          return (
            // Keyed by clientId when there is one, so the optimistic bubble turns into the real one in place.
            <Fragment key={message.clientId ? `c:${message.clientId}` : message.id}>
              {newDay ? (
                <div className="day-separator" role="separator">
                  <span>{formatDayLabel(message.createdAt, now)}</span>
                </div>
              ) : null}
              <MessageBubble message={message} showAuthor={newDay || startsGroup(message, prev)} />
            </Fragment>
          );
        })}
        <TypingNotice conversationId={conversationId} />
      </div>
    </div>
  );
}
