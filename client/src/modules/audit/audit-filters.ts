import type { AuditAction } from '@rapport/shared';

export const AUDIT_PERIODS = [
  { value: '24h', label: 'Last 24 hours', hours: 24 },
  { value: '7d', label: 'Last 7 days', hours: 7 * 24 },
  { value: '30d', label: 'Last 30 days', hours: 30 * 24 },
  { value: 'all', label: 'All time', hours: null },
] as const;
export type AuditPeriod = (typeof AUDIT_PERIODS)[number]['value'];

/** What the audit list is narrowed to; '' is "any". */
export interface AuditFilters {
  action: AuditAction | '';
  actorId: string;
  period: AuditPeriod;
}

export const DEFAULT_AUDIT_FILTERS: AuditFilters = { action: '', actorId: '', period: '7d' };

/** What `GET /api/audit` is asked for (besides the cursor and the page size). */
export interface AuditListQuery {
  action?: string;
  actorId?: string;
  from?: string;
}

/** The query of `GET /api/audit` for these filters: a period is counted back from `now`. */
export function auditQuery(filters: AuditFilters, now: number): AuditListQuery {
  const hours = AUDIT_PERIODS.find((p) => p.value === filters.period)?.hours ?? null;
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(hours === null ? {} : { from: new Date(now - hours * 3_600_000).toISOString() }),
  };
}
