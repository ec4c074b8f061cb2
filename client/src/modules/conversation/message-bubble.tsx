import { memo } from 'react';
import type { Attachment, Message } from '@rapport/shared';
import { formatClockTime, formatFullDateTime } from '../../lib/format-time';
import { isLocalMessage } from './messages-cache';
import { MessageStatusLabel } from './message-status';

interface MessageBubbleProps {
  message: Message;
  /** False when the previous bubble is by the same author a moment earlier, to keep the thread compact. */
  showAuthor: boolean;
}

function AttachmentView({ attachment }: { attachment: Attachment }) {
  const label = attachment.name ?? attachment.type;
  if (attachment.type === 'image' && attachment.url) {
    return (
      <a className="attachment attachment-image" href={attachment.url} target="_blank" rel="noreferrer noopener">
        <img src={attachment.url} alt={attachment.name ?? 'Image'} loading="lazy" />
      </a>
    );
  }
  return attachment.url ? (
    <a className="attachment" href={attachment.url} target="_blank" rel="noreferrer noopener">
      📎 {label}
    </a>
  ) : (
    <span className="attachment">📎 {label}</span>
  );
}

function authorLabel(message: Message): string {
  if (message.authorType === 'system') return 'System';
  return message.authorName ?? (message.authorType === 'agent' ? 'Agent' : 'Customer');
}

export const MessageBubble = memo(function MessageBubble({ message, showAuthor }: MessageBubbleProps) {
  const side = message.direction === 'inbound' ? 'inbound' : 'outbound';
  const classes = ['message', `message-${side}`];
  if (message.private) classes.push('is-private');
  if (message.authorType === 'system') classes.push('is-system');
  if (message.status === 'failed') classes.push('is-failed');
  if (isLocalMessage(message)) classes.push('is-pending');
  // Customers never see notes, so a delivery status would mislead.
  const showStatus = side === 'outbound' && !message.private && message.authorType !== 'system';

  return (
    <div
      className={classes.join(' ')}
      data-testid="message"
      data-message-id={message.id}
      data-status={message.status}
      data-direction={message.direction}
      data-private={message.private ? 'true' : undefined}
    >
      {showAuthor ? <div className="message-author">{authorLabel(message)}</div> : null}
      <div className="bubble">
        {message.private ? <div className="note-label">Private note</div> : null}
        {message.text ? <div className="message-text">{message.text}</div> : null}
        {message.attachments.length > 0 ? (
          <div className="attachments">
            {message.attachments.map((attachment, i) => (
              <AttachmentView key={`${attachment.url ?? attachment.name ?? ''}-${i}`} attachment={attachment} />
            ))}
          </div>
        ) : null}
      </div>
      <div className="message-meta">
        <time dateTime={message.sentAt} title={formatFullDateTime(message.sentAt)}>
          {formatClockTime(message.sentAt)}
        </time>
        {showStatus ? <MessageStatusLabel status={message.status} /> : null}
      </div>
      {message.status === 'failed' ? (
        <div className="message-error" role="alert">
          Not delivered{message.error ? `: ${message.error}` : ''}
        </div>
      ) : null}
    </div>
  );
});
