import { useMemo } from 'react';
import { CLOCK_MODE_LABELS } from './clock-labels';
import { dailySeries } from './daily-series';
import type { ClockMode } from './report-figures';
import { localDays, type ReportPeriod } from './report-period';
import { ReportSection } from './report-section';
import type { ReportQuery } from './reports-api';
import { TrendChart } from './trend-chart';
import { useResponseTimes } from './use-reports';

export function TrendsSection({ query, period, mode }: { query: ReportQuery; period: ReportPeriod; mode: ClockMode }) {
  const daily = useResponseTimes(query, 'day');
  const days = useMemo(() => localDays(period), [period]);
  const clock = CLOCK_MODE_LABELS[mode].toLowerCase();
  return (
    <ReportSection title="Trends" testId="report-trends" query={daily} what="the trends">
      {(report) => (
        <div className="report-chart-grid">
          <TrendChart
            testId="trend-chart-median"
            title={`Median per day (${clock})`}
            description={`Median first response, next reply and resolution time on each of the ${days.length} days`}
            data={dailySeries(report.rows, days, mode, 'median')}
          />
          <TrendChart
            testId="trend-chart-p90"
            title={`90th percentile per day (${clock})`}
            description={`90th percentile of first response, next reply and resolution time on each of the ${days.length} days`}
            data={dailySeries(report.rows, days, mode, 'p90')}
          />
        </div>
      )}
    </ReportSection>
  );
}
