import type { ReactNode } from 'react';
import { checkReplyLength, windowState, type Conversation } from '@rapport/shared';
import { useNow } from '../../lib/use-now';
import { counterTone, lastCustomerMessageAt, windowNotice } from './reply-rules';
import { useMessages } from './use-messages';

export interface ReplyRules {
  /** Why this reply may not be sent (too long for the platform); null when it may. */
  blockReason: string | null;
  /** Characters used against the platform's limit; null where nothing limits it (private notes, the API channel). */
  counter: ReactNode;
  /** The reply is too long, or the 24-hour window is closed or closing. */
  notices: ReactNode;
}

/** The platform's rules for the reply being written: its length limit and its 24-hour window. Private notes have neither. */
export function useReplyRules(conversation: Conversation, draft: string, isPrivate: boolean): ReplyRules {
  const now = useNow();
  const thread = useMessages(conversation.id).query.data;
  const check = checkReplyLength(conversation.channelKind, conversation.isPublic, draft.trim());
  if (isPrivate) return { blockReason: null, counter: null, notices: null };

  const window = windowNotice(windowState(conversation.channelKind, lastCustomerMessageAt(thread?.items ?? []), now, conversation.isPublic), now);
  const tone = counterTone(check);
  const counter =
    check.limit === null ? null : (
      <span className={`reply-counter is-${tone}`} data-testid="reply-counter" data-tone={tone}>
        {check.length}
        <span aria-hidden="true">/</span>
        <span className="visually-hidden"> of </span>
        {check.limit}
        <span className="visually-hidden"> characters</span>
      </span>
    );
  const notices =
    check.reason || window ? (
      <>
        {check.reason ? (
          <div className="composer-notice tone-error" role="alert" data-testid="reply-too-long">
            {check.reason}
          </div>
        ) : null}
        {window?.tone === 'warning' ? (
          <div className="composer-notice tone-warning" role="status" data-testid="reply-window-closed">
            {window.text}
          </div>
        ) : null}
        {window?.tone === 'hint' ? (
          <div className="composer-hint" data-testid="reply-window-closing">
            {window.text}
          </div>
        ) : null}
      </>
    ) : null;
  return { blockReason: check.reason, counter, notices };
}
