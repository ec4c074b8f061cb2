import type { ConversationSla, SlaMetric } from '@rapport/shared';

export type SlaTone = 'ok' | 'warning' | 'breached';

export interface SlaStatus {
  metric: SlaMetric;
  /** Epoch ms of the due time shown. */
  dueAt: number;
  tone: SlaTone;
  /** Short visible text: "12 min left", "Breached 5 min ago". */
  label: string;
  /** The same for screen readers and tooltips, naming the clock and the risk. */
  description: string;
  /** When the tone changes next (epoch ms), so a countdown can re-render exactly then; null when it never will. */
  changesAt: number | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Amber once less than this share of the threshold is left. */
export const WARNING_SHARE = 0.25;

export const SLA_METRIC_LABELS: Record<SlaMetric, string> = { firstResponse: 'first response', nextReply: 'next reply', resolution: 'resolution' };

const DUE_FIELDS: ReadonlyArray<[SlaMetric, 'firstResponseDueAt' | 'nextReplyDueAt' | 'resolutionDueAt']> = [
  ['firstResponse', 'firstResponseDueAt'],
  ['nextReply', 'nextReplyDueAt'],
  ['resolution', 'resolutionDueAt'],
];

const THRESHOLD_FIELDS: Record<SlaMetric, 'firstResponseSeconds' | 'nextReplySeconds' | 'resolutionSeconds'> = {
  firstResponse: 'firstResponseSeconds',
  nextReply: 'nextReplySeconds',
  resolution: 'resolutionSeconds',
};

/** The running clock due first; null when no clock runs (no policy, paused, answered, resolved). */
export function earliestDue(sla: ConversationSla | null | undefined): { metric: SlaMetric; dueAt: number } | null {
  if (!sla) return null;
  let best: { metric: SlaMetric; dueAt: number } | null = null;
  for (const [metric, field] of DUE_FIELDS) {
    const iso = sla[field];
    if (!iso) continue;
    const dueAt = Date.parse(iso);
    if (Number.isNaN(dueAt)) continue;
    if (!best || dueAt < best.dueAt) best = { metric, dueAt };
  }
  return best;
}

/**
 * How long before the due time the countdown turns amber, from the target the server sends with the due
 * time. A business-hours policy's threshold is in open hours while the countdown runs on the wall clock,
 * so overnight it may stay calm longer: the due time itself is always exact.
 */
export function warningWindowMs(metric: SlaMetric, sla: ConversationSla): number {
  return (sla[THRESHOLD_FIELDS[metric]] ?? 0) * 1000 * WARNING_SHARE;
}

/** "<1 min", "12 min", "2 h", "2 h 5 min", "3 d", "3 d 4 h" (rounded down). */
export function formatDuration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < MINUTE) return '<1 min';
  if (value < HOUR) return `${Math.floor(value / MINUTE)} min`;
  if (value < DAY) {
    const hours = Math.floor(value / HOUR);
    const minutes = Math.floor((value % HOUR) / MINUTE);
    return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
  }
  const days = Math.floor(value / DAY);
  const hours = Math.floor((value % DAY) / HOUR);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

/** What a conversation's SLA countdown shows at `now`; null when there is nothing to count down. */
export function slaStatus(sla: ConversationSla | null | undefined, now: number): SlaStatus | null {
  const due = earliestDue(sla);
  if (!sla || !due) return null;
  const { metric, dueAt } = due;
  const clock = SLA_METRIC_LABELS[metric];
  const left = dueAt - now;
  if (left <= 0) {
    const ago = now - dueAt;
    const label = ago < MINUTE ? 'Breached just now' : `Breached ${formatDuration(ago)} ago`;
    return { metric, dueAt, tone: 'breached', label, description: `SLA ${clock} ${label.toLowerCase()}`, changesAt: null };
  }
  const warnFrom = dueAt - warningWindowMs(metric, sla);
  const label = `${formatDuration(left)} left`;
  if (now >= warnFrom) return { metric, dueAt, tone: 'warning', label, description: `SLA ${clock} at risk: ${label}`, changesAt: dueAt };
  return { metric, dueAt, tone: 'ok', label, description: `SLA ${clock}: ${label}`, changesAt: warnFrom };
}
