import type { ResponseTimesRow } from '@rapport/shared';
import { CLOCK_LABELS } from './clock-labels';
import { formatDuration, formatPercent } from './format-duration';
import { GROUP_LABELS, type BreakdownGroup } from './breakdown-groups';
import { CLOCKS, figureOf, type ClockMode } from './report-figures';

interface BreakdownTableProps {
  group: BreakdownGroup;
  rows: readonly ResponseTimesRow[];
  mode: ClockMode;
}

/** Count, median and p90 of each clock per agent, team or channel, with breaches and the within-hour share. */
export function BreakdownTable({ group, rows, mode }: BreakdownTableProps) {
  const labels = GROUP_LABELS[group];
  return (
    <div className="report-table-scroll">
      <table className="report-table" data-testid="report-table" data-group={group}>
        <colgroup>
          <col />
        </colgroup>
        {CLOCKS.map((clock) => (
          <colgroup key={clock} span={3} />
        ))}
        <colgroup span={2} />
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {labels.column}
            </th>
            {CLOCKS.map((clock) => (
              <th key={clock} scope="colgroup" colSpan={3} className="report-table-group">
                {CLOCK_LABELS[clock]}
              </th>
            ))}
            <th scope="col" rowSpan={2} className="cell-end">
              SLA breaches
            </th>
            <th scope="col" rowSpan={2} className="cell-end">
              Within 1 h
            </th>
          </tr>
          <tr>
            {CLOCKS.flatMap((clock) => [
              <th key={`${clock}-n`} scope="col" className="cell-end report-table-first">
                <abbr title="Number of clocks stopped">n</abbr>
              </th>,
              <th key={`${clock}-median`} scope="col" className="cell-end">
                Median
              </th>,
              <th key={`${clock}-p90`} scope="col" className="cell-end">
                p90
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key ?? 'none'} data-testid="report-row" data-key={row.key ?? ''}>
              <th scope="row" className="report-table-name">
                {row.key === null ? labels.none : row.name}
              </th>
              {CLOCKS.flatMap((clock) => [
                <td key={`${clock}-n`} className="cell-end report-table-first">
                  {row[clock].count}
                </td>,
                <td key={`${clock}-median`} className="cell-end" data-testid={`cell-${clock}-median`}>
                  {formatDuration(figureOf(row[clock], mode, 'median'))}
                </td>,
                <td key={`${clock}-p90`} className="cell-end">
                  {formatDuration(figureOf(row[clock], mode, 'p90'))}
                </td>,
              ])}
              <td className="cell-end">{row.slaBreaches}</td>
              <td className="cell-end">{formatPercent(row.answeredWithinHourPct)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
