/** The realtime contract: socket.io event names and payloads, for server and client alike. */
import type { Conversation, Message, SlaMetric } from './api.js';
import type { PresenceStatus } from './domain.js';

export const SERVER_EVENTS = [
  'conversation.created',
  'conversation.updated',
  'conversation.assigned',
  'message.created',
  'message.updated',
  'agent.presence',
  'conversation.typing',
  'conversation.viewers',
  'sla.breached',
  'customer.updated',
  'followup.due',
] as const;
export type ServerEventName = (typeof SERVER_EVENTS)[number];

/** Events kept in the event log and replayed by `sync` (presence, typing and viewers are ephemeral). */
export const DURABLE_EVENTS = [
  'conversation.created',
  'conversation.updated',
  'conversation.assigned',
  'message.created',
  'message.updated',
  'sla.breached',
  'customer.updated',
  'followup.due',
] as const satisfies readonly ServerEventName[];
export type DurableEventName = (typeof DURABLE_EVENTS)[number];

export interface ConversationEvent {
  seq: number;
  conversation: Conversation;
}

export interface ConversationAssignedEvent extends ConversationEvent {
  previousAssigneeId: string | null;
  assigneeId: string | null;
  byUserId: string | null;
}

export interface MessageEvent {
  seq: number;
  conversationId: string;
  message: Message;
}

/** An SLA clock passed its due time unanswered; to leads, managers and the assignee. */
export interface SlaBreachedEvent {
  seq: number;
  conversationId: string;
  metric: SlaMetric;
  dueAt: string;
  /** Who the conversation was assigned to when it breached. */
  assigneeId: string | null;
}

/** A customer profile changed (edited, merged, split): open panels fetch it again. */
export interface CustomerUpdatedEvent {
  seq: number;
  customerId: string;
  /** The customer folded into this one, now gone (its id answers 404 with `mergedIntoId`). */
  mergedFromId?: string;
}

/** A follow-up's time came: its conversation reopened and moved to the top; to the assignee, its author and supervisors. */
export interface FollowUpDueEvent {
  seq: number;
  conversationId: string;
  followUpId: string;
  note: string;
  dueAt: string;
  /** Who the conversation is assigned to now. */
  assigneeId: string | null;
  /** Who set the follow-up. */
  createdById: string | null;
}

export interface PresenceEvent {
  seq: number;
  userId: string;
  status: PresenceStatus;
}

export interface TypingEvent {
  seq: number;
  conversationId: string;
  userId: string;
  name: string;
}

export interface ViewersEvent {
  seq: number;
  conversationId: string;
  viewers: Array<{ userId: string; name: string }>;
}

export interface ServerEventPayloads {
  'conversation.created': ConversationEvent;
  'conversation.updated': ConversationEvent;
  'conversation.assigned': ConversationAssignedEvent;
  'message.created': MessageEvent;
  'message.updated': MessageEvent;
  'agent.presence': PresenceEvent;
  'conversation.typing': TypingEvent;
  'conversation.viewers': ViewersEvent;
  'sla.breached': SlaBreachedEvent;
  'customer.updated': CustomerUpdatedEvent;
  'followup.due': FollowUpDueEvent;
}

/** One replayed event, as `sync` returns it. */
export type SyncedEvent = {
  [K in DurableEventName]: { seq: number; type: K; payload: ServerEventPayloads[K] };
}[DurableEventName];

export interface SyncAck {
  /** Missed events after `sinceSeq`, oldest first. */
  events: SyncedEvent[];
  /** The newest seq covered by this answer: every event up to it that the user may hear is in `events` (unless truncated). */
  latestSeq: number;
  /** True when more than one page was missed: fetch the lists again instead of patching. */
  truncated: boolean;
}

export type ServerToClientEvents = {
  [K in ServerEventName]: (payload: ServerEventPayloads[K]) => void;
} & {
  /** Sent once after connecting: who the server thinks you are and the current seq. */
  ready: (payload: { userId: string; latestSeq: number }) => void;
};

export interface ClientToServerEvents {
  sync: (body: { sinceSeq: number }, ack: (result: SyncAck | { error: string }) => void) => void;
  typing: (body: { conversationId: string }) => void;
  /** Answered `{ ok: false, error }` for a conversation the user may not see (no room is joined). */
  view: (body: { conversationId: string | null }, ack?: (result: { ok: boolean; error?: string }) => void) => void;
  presence: (body: { status: 'online' | 'away' }) => void;
}
