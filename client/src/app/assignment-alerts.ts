import type { Conversation, ConversationAssignedEvent } from '@rapport/shared';

export interface AssignmentAlertContext {
  userId: string;
  /** The agent opted in (header toggle). */
  enabled: boolean;
  pageHidden: boolean;
  /** The thread on screen, if any. */
  openConversationId: string | null;
  /** Events up to this seq happened before the page loaded (the first sync replays them): not news. Null: not known yet. */
  baselineSeq: number | null;
}

type AssignedEvent = Pick<ConversationAssignedEvent, 'seq' | 'assigneeId' | 'previousAssigneeId' | 'byUserId'> & { conversation: Pick<Conversation, 'id'> };

/** Whether a conversation just became this agent's and they may not have seen it: someone else gave it, and it is not on screen. */
export function shouldAlertAssignment(event: AssignedEvent, context: AssignmentAlertContext): boolean {
  if (!context.enabled || context.baselineSeq === null || event.seq <= context.baselineSeq) return false;
  if (event.assigneeId !== context.userId || event.previousAssigneeId === context.userId) return false;
  if (event.byUserId === context.userId) return false;
  return context.pageHidden || context.openConversationId !== event.conversation.id;
}

/** The notification's words: who, and what they last said. */
export function assignmentAlertText(conversation: Pick<Conversation, 'channelName' | 'lastMessagePreview'> & { customer: { name: string } }): { title: string; body: string } {
  const preview = conversation.lastMessagePreview?.trim();
  return {
    title: `Assigned to you: ${conversation.customer.name}`,
    body: preview ? `${conversation.channelName}: ${preview}` : `New conversation on ${conversation.channelName}`,
  };
}
