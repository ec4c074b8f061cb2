import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { reportPeriod, SLA_METRICS, type ClockSummary, type ResponseTimeGroup, type ResponseTimesReport, type ResponseTimesRow, type SlaMetric } from '@rapport/shared';
import type { AuthUser } from '../auth/auth-user.js';

const HOUR_S = 3600;

interface SummaryRow {
  key: string | null;
  name: string | null;
  metric: SlaMetric;
  n: number;
  median: number | null;
  p90: number | null;
  b_median: number | null;
  b_p90: number | null;
  within_hour: number;
}

interface BreachRow {
  key: string | null;
  name: string | null;
  n: number;
}

/** Who or what a row is about, and how it is named. */
const GROUPS: Record<ResponseTimeGroup, { key: string; name: string; join: string; byDay?: true }> = {
  agent: { key: 'v.agent_id', name: 'u.name', join: 'LEFT JOIN users u ON u.id = v.agent_id' },
  team: { key: 'v.team_id', name: 't.name', join: 'LEFT JOIN teams t ON t.id = v.team_id' },
  channel: { key: 'v.channel_id', name: 'ch.name', join: 'JOIN channels ch ON ch.id = v.channel_id' },
  // $tz: the timezone whose local days the rows are.
  day: { key: "to_char(v.stopped_at AT TIME ZONE $tz, 'YYYY-MM-DD')", name: "to_char(v.stopped_at AT TIME ZONE $tz, 'YYYY-MM-DD')", join: '', byDay: true },
  all: { key: "'all'::text", name: "'All'::text", join: '' },
};

const EMPTY: ClockSummary = { count: 0, median: null, p90: null, businessHours: { median: null, p90: null } };
const round = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);

/**
 * Response-time figures of a period from the stopped clocks (one row per clock value, written as clocks
 * stop): count, median and p90 of each clock in wall-clock and business-hours seconds. Leads see their
 * teams' figures only.
 */
@Injectable()
export class ResponseTimesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(user: AuthUser, query: { from?: string | undefined; to?: string | undefined; groupBy: ResponseTimeGroup; tz: string }): Promise<ResponseTimesReport> {
    const { from, to } = reportPeriod(query);
    const group = GROUPS[query.groupBy];
    const ownTeamsOnly = user.role === 'lead';
    const params: unknown[] = [from, to];
    const teamFilter = ownTeamsOnly ? `AND v.team_id = ANY($${params.push(user.teamIds)}::uuid[])` : '';
    const tz = group.byDay ? `$${params.push(query.tz)}::text` : '';
    const key = group.key.replaceAll('$tz', tz);
    const figures = `count(*)::int AS n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY v.wall_seconds) AS median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY v.wall_seconds) AS p90,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY v.business_seconds) AS b_median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY v.business_seconds) AS b_p90,
         count(*) FILTER (WHERE v.wall_seconds <= ${HOUR_S})::int AS within_hour`;
    // Per local day, one small aggregate per day over the stopped_at index rather than one sort of the whole period.
    const sql = group.byDay
      ? `SELECT to_char(d.day, 'YYYY-MM-DD') AS key, to_char(d.day, 'YYYY-MM-DD') AS name, x.*
         FROM generate_series(date_trunc('day', $1::timestamptz AT TIME ZONE ${tz}), $2::timestamptz AT TIME ZONE ${tz}, interval '1 day') AS d(day)
         CROSS JOIN LATERAL (
           SELECT v.metric, ${figures} FROM clock_values v
           WHERE v.stopped_at >= greatest($1::timestamptz, d.day AT TIME ZONE ${tz}) AND v.stopped_at < least($2::timestamptz, (d.day + interval '1 day') AT TIME ZONE ${tz}) ${teamFilter}
           GROUP BY v.metric) x`
      : `SELECT ${key} AS key, min(${group.name}) AS name, v.metric, ${figures}
         FROM clock_values v ${group.join}
         WHERE v.stopped_at >= $1 AND v.stopped_at < $2 ${teamFilter}
         GROUP BY ${key}, v.metric`;
    const rows = await this.dataSource.transaction(async (manager): Promise<SummaryRow[]> => {
      // Percentiles sort each group: in memory up to a quarter of a million clocks, not on disk.
      await manager.query("SET LOCAL work_mem = '32MB'");
      return manager.query(sql, params);
    });
    // The same grouping over the breaches recorded in the period (a row may have breaches and no stopped clock yet).
    const atBreach = (sql: string) => sql.replaceAll('$tz', tz).replaceAll('v.stopped_at', 'v.breached_at');
    const breaches: BreachRow[] = await this.dataSource.query(
      `SELECT ${atBreach(group.key)} AS key, min(${atBreach(group.name)}) AS name, count(*)::int AS n
       FROM sla_breaches v ${group.join}
       WHERE v.breached_at >= $1 AND v.breached_at < $2 ${teamFilter}
       GROUP BY ${atBreach(group.key)}`,
      params,
    );
    return { from: from.toISOString(), to: to.toISOString(), groupBy: query.groupBy, rows: toRows(rows, breaches) };
  }
}

function toRows(summaries: SummaryRow[], breaches: BreachRow[]): ResponseTimesRow[] {
  const byKey = new Map<string | null, ResponseTimesRow>();
  const rowOf = (key: string | null, name: string | null): ResponseTimesRow =>
    byKey.get(key) ?? { key, name: name ?? 'none', firstResponse: EMPTY, nextReply: EMPTY, resolution: EMPTY, slaBreaches: 0, answeredWithinHourPct: null };
  for (const b of breaches) byKey.set(b.key, { ...rowOf(b.key, b.name), slaBreaches: b.n });
  for (const s of summaries) {
    const row = rowOf(s.key, s.name);
    row[s.metric] = { count: s.n, median: round(s.median), p90: round(s.p90), businessHours: { median: round(s.b_median), p90: round(s.b_p90) } };
    if (s.metric === 'firstResponse') row.answeredWithinHourPct = round((100 * s.within_hour) / s.n);
    byKey.set(s.key, row);
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The same rows as CSV, one line per row, a column per figure. */
export function responseTimesCsv(report: ResponseTimesReport): string {
  const header = ['key', 'name', ...SLA_METRICS.flatMap((m) => [`${m}Count`, `${m}Median`, `${m}P90`, `${m}BusinessMedian`, `${m}BusinessP90`]), 'slaBreaches', 'answeredWithinHourPct'];
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    if (typeof v === 'number') return String(v);
    // A name that a spreadsheet would read as a formula is kept as text.
    const text = /^[=+\-@]/.test(v) ? `'${v}` : v;
    return /[",\n\r']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = report.rows.map((r) =>
    [r.key, r.name, ...SLA_METRICS.flatMap((m) => [r[m].count, r[m].median, r[m].p90, r[m].businessHours.median, r[m].businessHours.p90]), r.slaBreaches, r.answeredWithinHourPct].map(cell).join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
