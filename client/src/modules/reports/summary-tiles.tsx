import type { ReactNode } from 'react';
import { CLOCK_LABELS } from './clock-labels';
import { formatDuration, formatPercent } from './format-duration';
import { CLOCKS, type ReportTotals } from './report-figures';

const COUNT_NOUNS = {
  firstResponse: ['first response', 'first responses'],
  nextReply: ['next reply', 'next replies'],
  resolution: ['resolution', 'resolutions'],
} as const;

const plural = (n: number, [one, many]: readonly [string, string]): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function Tile({ testId, label, value, title, children }: { testId: string; label: string; value: string; title?: string; children: ReactNode }) {
  return (
    <div className="report-tile" data-testid={testId}>
      <dt className="report-tile-label">{label}</dt>
      <dd className="report-tile-value" title={title}>
        {value}
      </dd>
      <dd className="report-tile-note">{children}</dd>
    </div>
  );
}

export function SummaryTiles({ totals }: { totals: ReportTotals }) {
  const firstResponses = totals.clocks.firstResponse.count;
  return (
    <dl className="report-tiles" aria-label="Summary">
      {CLOCKS.map((clock) => {
        const figure = totals.clocks[clock];
        const estimated = !figure.exact;
        return (
          <Tile
            key={clock}
            testId={`report-tile-${clock}`}
            label={`${CLOCK_LABELS[clock]} · median`}
            value={`${estimated ? '≈ ' : ''}${formatDuration(figure.median)}`}
            title={estimated ? 'Estimated from the teams’ medians: the report gives no median over all teams' : undefined}
          >
            {plural(figure.count, COUNT_NOUNS[clock])}
          </Tile>
        );
      })}
      <Tile testId="report-tile-within-hour" label="Answered within an hour" value={formatPercent(totals.answeredWithinHourPct)}>
        of {plural(firstResponses, COUNT_NOUNS.firstResponse)}, wall clock
      </Tile>
      <Tile testId="report-tile-sla" label="SLA breaches" value={totals.slaBreaches.toLocaleString()}>
        in this period
      </Tile>
    </dl>
  );
}
