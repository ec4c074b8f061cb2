import type { FollowUpDueEvent } from '@rapport/shared';

/**
 * Whether a due follow-up is news for this user: its assignee and whoever set it (supervisors hear every
 * follow-up, for their lists, but are not interrupted by colleagues' reminders), and only those after this
 * page's first sync (which replays old ones).
 */
export function shouldAnnounceFollowUp(event: Pick<FollowUpDueEvent, 'seq' | 'assigneeId' | 'createdById'>, userId: string, baselineSeq: number | null): boolean {
  if (baselineSeq === null || event.seq <= baselineSeq) return false;
  return event.assigneeId === userId || event.createdById === userId;
}

/** "Follow up with Ada Lovelace: check the refund landed" */
export function followUpNoticeText(event: Pick<FollowUpDueEvent, 'note'>, customerName: string | null): string {
  return customerName ? `Follow up with ${customerName}: ${event.note}` : `Follow-up due: ${event.note}`;
}
