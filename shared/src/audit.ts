import { z } from 'zod';

/** What the audit log records: who changed access, channels, assignments or a customer's data. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  /** A refresh token was presented again after it had been exchanged: its whole sign-in was revoked. */
  'auth.refresh_reused',
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'team.updated',
  'channel.created',
  'channel.updated',
  'channel.deleted',
  'conversation.assigned',
  'customer.merged',
  'customer.split',
  'customer.exported',
  'customer.erased',
  'dead_letter.retried',
  'retention.purged',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One audit entry: who did what to which thing, when and from where. */
export interface AuditEntry {
  id: string;
  at: string;
  action: AuditAction;
  /** Null for the system (retention) or a login attempt for an unknown account. */
  actorId: string | null;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  /** What changed (field names and new values, never secrets or message text). */
  details: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
}

export const listAuditQuery = z.object({
  action: z.enum(AUDIT_ACTIONS, { message: `action must be one of: ${AUDIT_ACTIONS.join(', ')}` }).optional(),
  actorId: z.string().uuid('actorId must be a user id').optional(),
  targetId: z.string().min(1).max(200).optional(),
  from: z.string().datetime({ offset: true, message: 'from must be an ISO date-time' }).optional(),
  to: z.string().datetime({ offset: true, message: 'to must be an ISO date-time' }).optional(),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;
