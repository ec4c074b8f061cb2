import { Fragment, useLayoutEffect, useMemo, useRef } from 'react';
import type { Assignment, Message } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { formatClockTime, formatDayLabel, formatFullDateTime, isSameDay } from '../../lib/format-time';
import { useTypingAgents } from '../../lib/realtime-context';
import { useNow } from '../../lib/use-now';
import { EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { useDirectory, useRefreshDirectoryWhen } from '../auth/use-directory';
import { useCurrentUser } from '../auth/use-session';
import { useAgents } from '../team/use-agents';
import { buildNameDirectory, describeAssignment, namesUnknownUser, type NameOf } from './assignment-description';
import { EarlierConversationsBlock } from './earlier-conversations-block';
import { MessageBubble } from './message-bubble';
import { isLocalMessage } from './messages-cache';
import { buildTimeline } from './thread-timeline';
import { useAssignments } from './use-assignments';
import { useConversation } from './use-conversation';
import { useMessages } from './use-messages';

/** Within this many pixels of the end the view follows new messages; further up the agent is reading. */
const STICK_TO_BOTTOM_PX = 120;
/** Consecutive messages by one author within this window share one author line. */
const GROUP_WINDOW_MS = 5 * 60 * 1000;

const NO_ASSIGNMENTS: Assignment[] = [];

function startsGroup(message: Message, previous: Message | undefined): boolean {
  if (!previous) return true;
  if (previous.authorType !== message.authorType || previous.authorId !== message.authorId || previous.private !== message.private) return true;
  return Date.parse(message.createdAt) - Date.parse(previous.createdAt) > GROUP_WINDOW_MS;
}

function AssignmentLine({ assignment, nameOf }: { assignment: Assignment; nameOf: NameOf }) {
  return (
    <div className="timeline-event" data-testid="timeline-assignment" data-reason={assignment.reason} role="note">
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <path d="M2.5 5.5h9m0 0-2.5-2.5m2.5 2.5L9 8M13.5 10.5h-9m0 0L7 8m-2.5 2.5L7 13" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span>{describeAssignment(assignment, nameOf)}</span>
      <time dateTime={assignment.createdAt} title={formatFullDateTime(assignment.createdAt)}>
        {formatClockTime(assignment.createdAt)}
      </time>
    </div>
  );
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
  const assignments = useAssignments(conversationId);
  const conversation = useConversation(conversationId);
  const agents = useAgents();
  const directory = useDirectory();
  const user = useCurrentUser();
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const previous = useRef<{ firstKey?: string; lastKey?: string; scrollHeight: number }>({ scrollHeight: 0 });
  const thread = query.data;
  // The history is a nice-to-have next to the messages: if it fails to load, the thread still shows.
  const assignmentItems = assignments.data ?? NO_ASSIGNMENTS;
  const timeline = useMemo(() => (thread ? buildTimeline(thread.items, assignmentItems, thread.hasOlder) : undefined), [thread, assignmentItems]);
  const nameOf = useMemo(
    () => buildNameDirectory({ directory: directory.data, agents: agents.data, currentUser: user, conversation: conversation.data, messages: thread?.items }),
    [directory.data, agents.data, user, conversation.data, thread],
  );
  useRefreshDirectoryWhen(directory.data !== undefined && namesUnknownUser(assignmentItems, directory.data));

  // Keep the reading position stable: jump to the end on open, follow new entries only when already
  // at the end (or when it is our own message), and keep the same entry in view when older ones are prepended.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !timeline) return;
    const firstKey = timeline[0]?.key;
    const last = timeline[timeline.length - 1];
    const before = previous.current;
    if (before.lastKey === undefined) {
      el.scrollTop = el.scrollHeight;
    } else if (firstKey !== before.firstKey && last?.key === before.lastKey) {
      el.scrollTop += el.scrollHeight - before.scrollHeight;
    } else if (last?.key !== before.lastKey && (nearBottom.current || (last?.kind === 'message' && isLocalMessage(last.message)))) {
      el.scrollTop = el.scrollHeight;
    }
    previous.current = { firstKey, lastKey: last?.key, scrollHeight: el.scrollHeight };
  }, [timeline]);

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

  const entries = timeline ?? [];
  return (
    <div className="thread" data-testid="thread" ref={scrollRef} onScroll={onScroll} aria-label="Messages">
      <div className="thread-inner">
        <EarlierConversationsBlock conversationId={conversationId} />
        {query.data.hasOlder ? (
          <div className="load-older">
            <button type="button" className="button button-quiet button-small" data-testid="load-older" disabled={loadingOlder} onClick={loadOlder}>
              {loadingOlder ? 'Loading…' : 'Load older messages'}
            </button>
            {loadOlderError ? <InlineError>{errorMessage(loadOlderError)}</InlineError> : null}
          </div>
        ) : null}
        {query.data.items.length === 0 ? <EmptyState title="No messages yet" /> : null}
        {entries.map((entry, i) => {
          const prev = entries[i - 1];
          const newDay = !prev || !isSameDay(prev.at, entry.at);
          return (
            <Fragment key={entry.key}>
              {newDay ? (
                <div className="day-separator" role="separator">
                  <span>{formatDayLabel(entry.at, now)}</span>
                </div>
              ) : null}
              {entry.kind === 'assignment' ? (
                <AssignmentLine assignment={entry.assignment} nameOf={nameOf} />
              ) : (
                <MessageBubble
                  message={entry.message}
                  // After a system line the author is named again, as at the start of a group.
                  showAuthor={newDay || prev?.kind !== 'message' || startsGroup(entry.message, prev.message)}
                />
              )}
            </Fragment>
          );
        })}
        <TypingNotice conversationId={conversationId} />
      </div>
    </div>
  );
}
