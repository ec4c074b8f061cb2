const DEFAULT_PERIOD_MS = 7 * 24 * 3600 * 1000;

/** A report's period: up to `to` (default now), from `from` (default a week before `to`). */
export function periodOf(query: { from?: string | undefined; to?: string | undefined }): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : new Date();
  return { from: query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS), to };
}
