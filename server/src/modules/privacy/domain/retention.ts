const DAY_MS = 24 * 3600 * 1000;

/**
 * Resolved conversations whose resolution is older than this are deleted; null keeps everything
 * (`RETENTION_DAYS` unset or 0).
 */
export function retentionCutoff(now: Date, retentionDays: number | undefined): Date | null {
  const days = retentionDays === undefined || !Number.isFinite(retentionDays) ? 0 : Math.floor(retentionDays);
  return days <= 0 ? null : new Date(now.getTime() - days * DAY_MS);
}
