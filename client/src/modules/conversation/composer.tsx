import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Conversation } from '@rapport/shared';
import { composerMayTakeFocus } from '../../lib/composer-focus';
import { errorMessage } from '../../lib/error-message';
import { useRealtime } from '../../lib/realtime-context';
import { randomId } from '../../lib/uuid';
import { useDirectory } from '../auth/use-directory';
import { useCurrentUser } from '../auth/use-session';
import { useCannedReplyPicker } from '../canned-responses/canned-reply-picker';
import { CustomerLanguageBadge } from '../customer/customer-language-badge';
import { buildNameDirectory } from './assignment-description';
import { canReplyPublicly } from './conversation-permissions';
import { useDraft } from './draft-store';
import { newestServerMessageId, type MessageThread } from './messages-cache';
import { conversationKeys } from './query-keys';
import { useReplyRules } from './use-reply-rules';
import { isStaleThreadError, useSendMessage } from './use-send-message';
import { useSendCheck } from './use-send-check';

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
  const sendCheck = useSendCheck(conversation).data;
  // The customer asked not to be contacted: notes only, like someone else's conversation below.
  const contactRefused = sendCheck?.allowed === false;
  // Someone else's conversation: notes only, rather than a reply the server would refuse.
  const isPrivate = privateChosen || !publicAllowed || contactRefused;
  const [notice, setNotice] = useState<Notice | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const canned = useCannedReplyPicker({ conversation, inputRef, draft, setDraft });
  const rules = useReplyRules(conversation, draft, isPrivate);

  useEffect(() => {
    if (composerMayTakeFocus()) inputRef.current?.focus();
  }, []);

  const submit = () => {
    const text = draft.trim();
    if (text === '') return;
    // Too long for the platform: the reason is on screen already.
    if (rules.blockReason) return;
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
    if (canned.onKeyDown(event)) return;
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
      {contactRefused ? (
        <div className="composer-notice tone-error" role="note" data-testid="composer-do-not-contact">
          {sendCheck.reasons.join(' ')}
        </div>
      ) : null}
      {!isPrivate && sendCheck?.warnings.length ? (
        <div className="composer-hint" data-testid="composer-contact-warning">
          {sendCheck.warnings.join(' ')}
        </div>
      ) : null}
      {rules.notices}
      <textarea
        {...canned.inputProps}
        ref={inputRef}
        data-testid="composer-input"
        data-shortcut="composer"
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
      {canned.popup}
      <div className="composer-actions">
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="composer-private"
            data-shortcut="note-toggle"
            checked={isPrivate}
            disabled={!publicAllowed || contactRefused}
            onChange={(e) => setPrivateChosen(e.target.checked)}
          />
          <span className="toggle-track" aria-hidden="true" />
          Private note
        </label>
        <CustomerLanguageBadge customerId={conversation.customerId} />
        <span className="composer-help muted">Enter to send · Shift+Enter for a new line</span>
        {rules.counter}
        <button type="button" data-testid="composer-send" className={isPrivate ? 'button button-note' : 'button button-primary'} disabled={draft.trim() === '' || rules.blockReason !== null} onClick={submit}>
          {isPrivate ? 'Add note' : 'Send'}
        </button>
      </div>
    </div>
  );
}
