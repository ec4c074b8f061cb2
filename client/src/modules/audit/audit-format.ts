import type { AuditAction, AuditEntry } from '@rapport/shared';

const ACTION_LABELS: Partial<Record<AuditAction, string>> = {
  'auth.login': 'Signed in',
  'auth.login_failed': 'Sign-in failed',
  'auth.logout': 'Signed out',
  'user.created': 'User created',
  'user.updated': 'User changed',
  'user.deactivated': 'User deactivated',
  'user.reactivated': 'User reactivated',
  'team.updated': 'Team changed',
  'channel.created': 'Channel created',
  'channel.updated': 'Channel changed',
  'channel.deleted': 'Channel deleted',
  'conversation.assigned': 'Assigned by hand',
  'customer.merged': 'Customers merged',
  'customer.split': 'Customer split',
  'customer.exported': 'Customer data exported',
  'customer.erased': 'Customer erased',
  'dead_letter.retried': 'Dead letter retried',
  'retention.purged': 'Old conversations deleted',
};

/** A person's words for an action; one added later shows as it is named. */
export function actionLabel(action: AuditAction): string {
  return ACTION_LABELS[action] ?? action;
}

const value = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(value).join(', ');
  return JSON.stringify(v);
};

/** `key: value` pairs of what changed, in the order recorded: "conversations: 2 · messages: 5". */
export function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, v]) => `${key}: ${value(v)}`)
    .join(' · ');
}

/** Who did it: the email, "System" for scheduled jobs. */
export function actorLabel(entry: Pick<AuditEntry, 'actorId' | 'actorEmail'>): string {
  return entry.actorEmail ?? (entry.actorId ? 'Unknown user' : 'System');
}

/** What it was done to: "customer 3f2a…" (ids shortened; the full one is in the title). */
export function targetLabel(entry: Pick<AuditEntry, 'targetType' | 'targetId'>): string {
  if (!entry.targetId) return '—';
  const id = entry.targetId.length > 12 ? `${entry.targetId.slice(0, 8)}…` : entry.targetId;
  return entry.targetType ? `${entry.targetType} ${id}` : id;
}

/** The browser or client of a user agent, in a few words. */
export function clientLabel(userAgent: string | null): string {
  if (!userAgent) return '';
  const known: Array<[RegExp, string]> = [
    [/Edg\//, 'Edge'],
    [/OPR\//, 'Opera'],
    [/Firefox\//, 'Firefox'],
    [/Chrom(e|ium)\//, 'Chrome'],
    [/Safari\//, 'Safari'],
    [/curl\//, 'curl'],
    [/node|undici/i, 'Node.js'],
  ];
  const found = known.find(([pattern]) => pattern.test(userAgent));
  return found ? found[1] : userAgent.slice(0, 40);
}

/** Where it came from: the address and the client ("127.0.0.1 · Chrome"); scheduled jobs come from nowhere. */
export function originLabel(entry: Pick<AuditEntry, 'ip' | 'userAgent'>): string {
  return [entry.ip, clientLabel(entry.userAgent)].filter((part) => part).join(' · ') || '—';
}
