import type { ClockSummary, ResponseTimesRow } from '@rapport/shared';

/** Which clock every figure is read from: elapsed time, or only the time inside the team's business hours. */
export const CLOCK_MODES = ['wall', 'business'] as const;
export type ClockMode = (typeof CLOCK_MODES)[number];

export const CLOCKS = ['firstResponse', 'nextReply', 'resolution'] as const;
export type Clock = (typeof CLOCKS)[number];

export type Stat = 'median' | 'p90';

export function figureOf(summary: ClockSummary, mode: ClockMode, stat: Stat): number | null {
  return mode === 'business' ? summary.businessHours[stat] : summary[stat];
}

export interface TotalFigure {
  count: number;
  median: number | null;
  /**
   * False when the median is estimated from several rows' medians (the count-weighted median of them):
   * the report gives no figure over all rows, and medians cannot be added up exactly.
   */
  exact: boolean;
}

export interface ReportTotals {
  clocks: Record<Clock, TotalFigure>;
  /** Share of all first responses answered within an hour, weighted by each row's first responses. */
  answeredWithinHourPct: number | null;
  slaBreaches: number;
}

function totalOf(rows: readonly ResponseTimesRow[], clock: Clock, mode: ClockMode): TotalFigure {
  const parts = rows
    .map((row) => ({ count: row[clock].count, median: figureOf(row[clock], mode, 'median') }))
    .filter((p): p is { count: number; median: number } => p.count > 0 && p.median !== null)
    .sort((a, b) => a.median - b.median);
  const count = rows.reduce((sum, row) => sum + row[clock].count, 0);
  if (parts.length === 0) return { count, median: null, exact: true };
  if (parts.length === 1) return { count, median: parts[0]!.median, exact: true };
  const weight = parts.reduce((sum, p) => sum + p.count, 0);
  let seen = 0;
  for (const part of parts) {
    seen += part.count;
    if (seen * 2 >= weight) return { count, median: part.median, exact: false };
  }
  return { count, median: parts[parts.length - 1]!.median, exact: false };
}

/** The figures of the summary tiles, from the rows of one grouping (every grouping covers every clock once). */
export function reportTotals(rows: readonly ResponseTimesRow[], mode: ClockMode): ReportTotals {
  const clocks = { firstResponse: totalOf(rows, 'firstResponse', mode), nextReply: totalOf(rows, 'nextReply', mode), resolution: totalOf(rows, 'resolution', mode) };
  let answered = 0;
  let weighted = 0;
  for (const row of rows) {
    if (row.answeredWithinHourPct === null || row.firstResponse.count === 0) continue;
    answered += row.firstResponse.count;
    weighted += row.answeredWithinHourPct * row.firstResponse.count;
  }
  return {
    clocks,
    answeredWithinHourPct: answered === 0 ? null : Math.round((weighted / answered) * 10) / 10,
    slaBreaches: rows.reduce((sum, row) => sum + row.slaBreaches, 0),
  };
}
