import { BREAKDOWN_GROUPS, GROUP_LABELS, type BreakdownGroup } from './breakdown-groups';
import { BreakdownTable } from './breakdown-table';
import { CsvDownloadButton } from './csv-download-button';
import type { ClockMode } from './report-figures';
import type { ReportPeriod } from './report-period';
import { ReportSection } from './report-section';
import type { ReportQuery } from './reports-api';
import { SegmentedChoice } from './segmented-choice';
import { useResponseTimes } from './use-reports';

const GROUP_OPTIONS = BREAKDOWN_GROUPS.map((value) => ({ value, label: GROUP_LABELS[value].tab }));

interface BreakdownSectionProps {
  query: ReportQuery;
  period: ReportPeriod;
  mode: ClockMode;
  group: BreakdownGroup;
  onGroupChange: (group: BreakdownGroup) => void;
}

export function BreakdownSection({ query, period, mode, group, onGroupChange }: BreakdownSectionProps) {
  const report = useResponseTimes(query, group);
  const actions = (
    <div className="report-card-actions">
      <SegmentedChoice label="Group the table by" options={GROUP_OPTIONS} value={group} onChange={onGroupChange} testIdPrefix="report-group" />
      <CsvDownloadButton query={{ ...query, groupBy: group }} period={period} label={`Download CSV of the response times by ${group}`} />
    </div>
  );
  return (
    <ReportSection title="Breakdown" testId="report-breakdown" query={report} what="the table" actions={actions}>
      {(data) => (
        // While another grouping loads, the previous rows show under their own grouping's header.
        <BreakdownTable group={data.groupBy === 'day' || data.groupBy === 'all' ? group : data.groupBy} rows={data.rows} mode={mode} />
      )}
    </ReportSection>
  );
}
