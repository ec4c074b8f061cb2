import type { VolumeReport } from '@rapport/shared';

/** ISO weekdays as the server numbers them (extract(isodow): 1 = Monday … 7 = Sunday). */
export const WEEKDAYS = [
  { weekday: 1, short: 'Mon', long: 'Monday' },
  { weekday: 2, short: 'Tue', long: 'Tuesday' },
  { weekday: 3, short: 'Wed', long: 'Wednesday' },
  { weekday: 4, short: 'Thu', long: 'Thursday' },
  { weekday: 5, short: 'Fri', long: 'Friday' },
  { weekday: 6, short: 'Sat', long: 'Saturday' },
  { weekday: 7, short: 'Sun', long: 'Sunday' },
] as const;

export const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** Shades of the heatmap besides empty (0). */
export const HEAT_LEVELS = 5;

export interface HeatmapMatrix {
  /** One row per weekday, Monday first; 24 customer-message counts each. */
  rows: Array<{ weekday: number; short: string; long: string; cells: number[] }>;
  max: number;
  total: number;
}

/** The weekday × hour grid from the report's sparse cells (it leaves out cells without messages). */
export function heatmapMatrix(cells: VolumeReport['heatmap']): HeatmapMatrix {
  const rows = WEEKDAYS.map((d) => ({ ...d, cells: HOURS.map(() => 0) }));
  let max = 0;
  let total = 0;
  for (const cell of cells) {
    const row = rows[cell.weekday - 1];
    if (!row || !Number.isInteger(cell.hour) || cell.hour < 0 || cell.hour > 23) continue;
    const count = (row.cells[cell.hour] ?? 0) + cell.inbound;
    row.cells[cell.hour] = count;
    max = Math.max(max, count);
    total += cell.inbound;
  }
  return { rows, max, total };
}

/** 0 for no messages, else 1…HEAT_LEVELS by share of the busiest cell (any message shows at least level 1). */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(HEAT_LEVELS, Math.max(1, Math.ceil((count / max) * HEAT_LEVELS)));
}
