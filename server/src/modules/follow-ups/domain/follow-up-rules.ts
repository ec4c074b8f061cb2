import { FOLLOW_UP_MAX_DAYS, type ConversationStatus } from '@rapport/shared';
import { firstContactMoment, nextContactStart, type ContactProfile } from './contact-hours.js';

export interface FollowUpRequest {
  dueAt?: Date | undefined;
  inCustomerHours: boolean;
}

export type DueTimeDecision = { ok: true; dueAt: Date } | { ok: false; reason: string };

/**
 * When a follow-up comes due: the time asked for; with `inCustomerHours` and no time, the next start of the
 * customer's contact hours (09:00 of their next day without hours); with both, the time asked for moved
 * into their hours when it falls outside them.
 */
export function followUpDueAt(request: FollowUpRequest, customer: ContactProfile, now: Date): DueTimeDecision {
  const dueAt = request.dueAt ? (request.inCustomerHours ? firstContactMoment(customer, request.dueAt) : request.dueAt) : nextContactStart(customer, now);
  if (request.dueAt && request.dueAt.getTime() <= now.getTime()) return { ok: false, reason: 'dueAt must be in the future' };
  if (dueAt.getTime() - now.getTime() > FOLLOW_UP_MAX_DAYS * 24 * 3600 * 1000) return { ok: false, reason: `dueAt must be within ${FOLLOW_UP_MAX_DAYS} days` };
  return { ok: true, dueAt };
}

/** What a follow-up does to its conversation when it comes due. */
export type DueAction = 'reopen' | 'raise' | 'notify';

/**
 * Pending, snoozed and resolved conversations reopen; an open one only moves to the top. A resolved one
 * whose customer thread already has a newer open conversation stays resolved (a thread has one open
 * conversation at a time): the reminder is still delivered.
 */
export function actionAtDue(status: ConversationStatus, threadHasOpenConversation: boolean): DueAction {
  if (status === 'open') return 'raise';
  if (status === 'resolved' && threadHasOpenConversation) return 'notify';
  return 'reopen';
}
