import { memo } from 'react';
import type { Agent, Conversation } from '@rapport/shared';
import { routeToHash } from '../../app/app-route';
import { formatFullDateTime } from '../../lib/format-time';
import { formatDuration } from '../../lib/sla-status';
import { ChannelBadge } from '../../ui/channel-badge';
import { VipBadge } from '../../ui/vip-badge';
import { SlaCountdown } from '../../ui/sla-countdown';
import { AssignSelect } from './assign-select';
import { QueuePriority } from './queue-priority';

interface TeamConversationRowProps {
  conversation: Conversation;
  agents: readonly Agent[] | undefined;
  now: number;
  placeholder: string;
  /** Shown when conversations of several teams share the list. */
  teamName?: string;
  busy: boolean;
  onAssign: (conversation: Conversation, assigneeId: string) => void;
}

/** One conversation in the waiting queue or an agent's list: who, how urgent, how long, and where to send it. */
export const TeamConversationRow = memo(function TeamConversationRow({ conversation: c, agents, now, placeholder, teamName, busy, onAssign }: TeamConversationRowProps) {
  const waited = c.waitingSince ? now - Date.parse(c.waitingSince) : null;
  return (
    <li className="team-conversation" data-testid="team-conversation" data-conversation-id={c.id}>
      <div className="team-conversation-top">
        <QueuePriority priority={c.priority} />
        <a className="team-conversation-name" href={routeToHash({ view: 'inbox', conversationId: c.id })} title="Open the conversation">
          {c.customer.name}
        </a>
        <VipBadge tier={c.customer.tier} />
        <ChannelBadge kind={c.channelKind} title={c.channelName} />
        {teamName ? <span className="muted team-conversation-team">{teamName}</span> : null}
      </div>
      <div className="team-conversation-preview muted">{c.lastMessagePreview || 'No messages yet'}</div>
      <div className="team-conversation-meta">
        {waited !== null ? (
          <span className="team-conversation-wait" title={`Waiting since ${formatFullDateTime(c.waitingSince)}`}>
            waiting {formatDuration(waited)}
          </span>
        ) : (
          <span className="muted">answered</span>
        )}
        <SlaCountdown sla={c.sla} />
        <AssignSelect conversation={c} agents={agents} placeholder={placeholder} disabled={busy} onAssign={(assigneeId) => onAssign(c, assigneeId)} />
      </div>
    </li>
  );
});
