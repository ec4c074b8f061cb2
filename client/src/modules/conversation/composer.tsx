import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Conversation } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { useRealtime } from '../../lib/realtime-context';
import { randomId } from '../../lib/uuid';
import { useDirectory } from '../auth/use-directory';
import { useCurrentUser } from '../auth/use-session';
import { buildNameDirectory } from './assignment-description';
import { canReplyPublicly } from './conversation-permissions';
import { useDraft } from './draft-store';
import { newestServerMessageId, type MessageThread } from './messages-cache';
import { conversationKeys } from './query-keys';
import { isStaleThreadError, useSendMessage } from './use-send-message';

interface Notice {
  tone: 'warning' | 'error';
  text: string;
}

const STALE_NOTICE = 'New message arrived — read it, then send again';

export function Composer({ conversation }: { conversation: Conversation }) {
  const conversationId = conversation.id;
  const queryClient = useQueryClient();
  const { notifyTyping } = useRealtime();
  const send = useSendMessage(conversationId);
  const [draft, setDraft] = useDraft(conversationId);
  const user = useCurrentUser();
  const publicAllowed = canReplyPublicly(user, conversation);
  const directory = useDirectory();
  const assigneeName = conversation.assigneeId ? buildNameDirectory({ directory: directory.data, conversation })(conversation.assigneeId) : null;
  const [privateChosen, setPrivateChosen] = useState(false);
  // Someone else's conversation: notes only, rather than a reply the server would refuse.
  const isPrivate = privateChosen || !publicAllowed;
  const [notice, setNotice] = useState<Notice | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submit = () => {
    const text = draft.trim();
    if (text === '') return;
    const thread = queryClient.getQueryData<MessageThread>(conversationKeys.messages(conversationId));
    setDraft('');
    setNotice(null);
    send.mutate(
      { text, isPrivate, clientId: randomId(), lastSeenMessageId: thread ? newestServerMessageId(thread.items) : undefined },
      {
        // The draft itself is restored by useSendMessage, even if this composer is gone by then.
        onError: (error) => {
          setNotice(isStaleThreadError(error) ? { tone: 'warning', text: STALE_NOTICE } : { tone: 'error', text: `Not sent: ${errorMessage(error)}` });
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a new line; never send in the middle of an IME composition.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const placeholder = isPrivate
    ? 'Write a private note — only your team sees it'
    : `Reply to ${conversation.customer.name} on ${conversation.channelName}…`;

  return (
    <div className={isPrivate ? 'composer is-private' : 'composer'}>
      {notice ? (
        <div className={`composer-notice tone-${notice.tone}`} role="alert" data-testid="composer-notice">
          <span>{notice.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      ) : null}
      {!publicAllowed ? (
        <div className="composer-hint" data-testid="composer-assigned-hint">
          Assigned to {assigneeName ?? 'a teammate'} — you can add private notes.
        </div>
      ) : null}
      {conversation.isPublic && !isPrivate ? <div className="composer-hint">Public thread — your reply is visible to everyone.</div> : null}
      <textarea
        ref={inputRef}
        data-testid="composer-input"
        className="composer-input"
        rows={2}
        value={draft}
        placeholder={placeholder}
        aria-label={isPrivate ? 'Private note' : 'Reply'}
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value.trim() !== '') notifyTyping(conversationId);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="composer-actions">
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="composer-private"
            checked={isPrivate}
            disabled={!publicAllowed}
            onChange={(e) => setPrivateChosen(e.target.checked)}
          />
          <span className="toggle-track" aria-hidden="true" />
          Private note
        </label>
        <span className="composer-help muted">Enter to send · Shift+Enter for a new line</span>
        <button type="button" data-testid="composer-send" className={isPrivate ? 'button button-note' : 'button button-primary'} disabled={draft.trim() === ''} onClick={submit}>
          {isPrivate ? 'Add note' : 'Send'}
        </button>
      </div>
    </div>
  );
}
