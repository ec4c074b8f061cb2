import type { SlaMetric } from '@rapport/shared';
import { addBusinessSeconds, businessSecondsBetween, type BusinessCalendar } from '../../metrics/domain/business-hours.js';
import type { RunningClock, RunningClocks } from '../../metrics/domain/clocks.js';

export interface SlaThresholds {
  firstResponseSeconds: number | null;
  nextReplySeconds: number | null;
  resolutionSeconds: number | null;
  businessHoursOnly: boolean;
}

/** When a running clock reaches its threshold, and which run of the clock that is (its start). */
export interface Due {
  dueAt: Date;
  clockStartedAt: Date;
}

export type DueTimes = Partial<Record<SlaMetric, Due>>;

const THRESHOLD: Record<SlaMetric, keyof SlaThresholds> = {
  firstResponse: 'firstResponseSeconds',
  nextReply: 'nextReplySeconds',
  resolution: 'resolutionSeconds',
};

/**
 * The instant a clock has run `seconds`, counting only its stretches (pauses do not count) and, for a
 * business-hours policy, only open hours. A paused clock that has not reached it yet has no due time; one
 * that reached it before pausing keeps the (past) instant it did.
 */
function dueOf(clock: RunningClock, seconds: number, calendar: BusinessCalendar | null): Date | null {
  let left = seconds;
  for (const { from, to } of clock.stretches) {
    const ran = to === null ? Infinity : calendar ? businessSecondsBetween(calendar, from, to) : (to.getTime() - from.getTime()) / 1000;
    if (left <= ran) return calendar ? addBusinessSeconds(calendar, from, left) : new Date(from.getTime() + left * 1000);
    left -= ran;
  }
  return null;
}

/** The due time of each running clock that the policy sets a threshold for. */
export function dueTimes(running: RunningClocks | null, policy: SlaThresholds, calendar: BusinessCalendar): DueTimes {
  const due: DueTimes = {};
  if (!running) return due;
  for (const metric of Object.keys(THRESHOLD) as SlaMetric[]) {
    const clock = running[metric];
    const seconds = policy[THRESHOLD[metric]] as number | null;
    if (!clock || seconds === null) continue;
    const at = dueOf(clock, seconds, policy.businessHoursOnly ? calendar : null);
    if (at) due[metric] = { dueAt: at, clockStartedAt: clock.startedAt };
  }
  return due;
}

/** The earliest due time: what the waiting queue and the priority's SLA pressure go by. */
export function earliestDue(due: DueTimes): Date | null {
  const times = Object.values(due).map((d) => d.dueAt.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}
