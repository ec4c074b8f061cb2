import type { VolumeReport } from '@rapport/shared';
import { EmptyState } from '../../ui/feedback';
import { heatmapMatrix } from './heatmap-matrix';
import { hourlySeries, hourTicks } from './hourly-series';
import type { ReportPeriod } from './report-period';
import { ReportSection } from './report-section';
import type { ReportQuery } from './reports-api';
import { useVolume } from './use-reports';
import { VolumeChart } from './volume-chart';
import { VolumeHeatmap } from './volume-heatmap';

const DAY_MS = 86_400_000;

function VolumeBody({ report, period }: { report: VolumeReport; period: ReportPeriod }) {
  const matrix = heatmapMatrix(report.heatmap);
  const outbound = report.byHour.reduce((sum, h) => sum + h.outbound, 0);
  if (matrix.total === 0 && outbound === 0) return <EmptyState title="No messages in this period" />;
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  return (
    <div className="report-volume">
      <VolumeHeatmap matrix={matrix} timeZone={report.tz} />
      <VolumeChart data={hourlySeries(report.byHour, period)} ticks={hourTicks(period)} domain={[from, to]} singleDay={to - from <= DAY_MS + 3_600_000} />
    </div>
  );
}

export function VolumeSection({ query, period }: { query: ReportQuery; period: ReportPeriod }) {
  const volume = useVolume(query);
  return (
    <ReportSection title="Message volume" testId="report-volume" query={volume} what="the message volume">
      {(report) => <VolumeBody report={report} period={period} />}
    </ReportSection>
  );
}
