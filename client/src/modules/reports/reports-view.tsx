import { useMemo, useState } from 'react';
import { useNow } from '../../lib/use-now';
import { EmptyState } from '../../ui/feedback';
import type { BreakdownGroup } from './breakdown-groups';
import { BreakdownSection } from './breakdown-section';
import { browserTimeZone } from './browser-timezone';
import { CLOCK_MODE_LABELS } from './clock-labels';
import { PeriodPicker } from './period-picker';
import { CLOCK_MODES, reportTotals, type ClockMode } from './report-figures';
import { localDayKey, resolvePeriod, type PeriodChoice, type ReportPeriod } from './report-period';
import { ReportSection } from './report-section';
import type { ReportQuery } from './reports-api';
import { SegmentedChoice } from './segmented-choice';
import { SummaryTiles } from './summary-tiles';
import { TrendsSection } from './trends-section';
import { useResponseTimes } from './use-reports';
import { VolumeSection } from './volume-section';

const MODE_OPTIONS = CLOCK_MODES.map((value) => ({ value, label: CLOCK_MODE_LABELS[value] }));
const DEFAULT_CHOICE: PeriodChoice = { preset: '7d' };

/** The tiles read the one row over every clock of the period: exact medians, whatever the teams. */
const SUMMARY_GROUP = 'all';

interface ResponseTimesProps {
  query: ReportQuery;
  period: ReportPeriod;
  mode: ClockMode;
  group: BreakdownGroup;
  onGroupChange: (group: BreakdownGroup) => void;
}

function ResponseTimes({ query, period, mode, group, onGroupChange }: ResponseTimesProps) {
  const summary = useResponseTimes(query, SUMMARY_GROUP);
  const empty = summary.isSuccess && summary.data.rows.length === 0;
  return (
    <>
      <ReportSection title="Response times" testId="report-summary" query={summary} what="the response times">
        {(report) =>
          report.rows.length === 0 ? (
            <div data-testid="reports-empty">
              <EmptyState title="No conversations answered in this period">Replies and resolutions show here once agents answer.</EmptyState>
            </div>
          ) : (
            <SummaryTiles totals={reportTotals(report.rows, mode)} />
          )
        }
      </ReportSection>
      {empty ? null : (
        <>
          <TrendsSection query={query} period={period} mode={mode} />
          <BreakdownSection query={query} period={period} mode={mode} group={group} onGroupChange={onGroupChange} />
        </>
      )}
    </>
  );
}

/** Managers, leads and admins: response times and message volume of a period, in the browser's timezone. */
export function ReportsView() {
  const now = useNow();
  const today = localDayKey(new Date(now));
  const [timeZone] = useState(browserTimeZone);
  // What the picker shows, and the last choice that made a valid period (what the figures are of).
  const [choice, setChoice] = useState<PeriodChoice>(DEFAULT_CHOICE);
  const [applied, setApplied] = useState<PeriodChoice>(DEFAULT_CHOICE);
  const [mode, setMode] = useState<ClockMode>('wall');
  const [group, setGroup] = useState<BreakdownGroup>('agent');

  const draft = resolvePeriod(choice, today);
  const period = useMemo(() => {
    const resolved = resolvePeriod(applied, today);
    // `applied` only ever holds a choice that resolved, and whether custom days resolve does not depend on today.
    if (!resolved.ok) throw new Error(resolved.reason);
    return resolved.period;
  }, [applied, today]);
  const query = useMemo<ReportQuery>(() => ({ from: period.from, to: period.to, tz: timeZone }), [period, timeZone]);

  const changePeriod = (next: PeriodChoice) => {
    setChoice(next);
    if (resolvePeriod(next, today).ok) setApplied(next);
  };

  return (
    <main className="reports-page" data-testid="reports-view" aria-label="Reports">
      <div className="reports-page-inner">
        <div className="reports-header">
          <div>
            <h1>Reports</h1>
            <p className="muted">Response times and message volume, by local day and hour in {timeZone}.</p>
          </div>
          <div className="reports-controls">
            <PeriodPicker choice={choice} today={today} error={draft.ok ? null : draft.reason} onChange={changePeriod} />
            <SegmentedChoice label="Clock" options={MODE_OPTIONS} value={mode} onChange={setMode} testIdPrefix="report-clock" />
          </div>
        </div>
        <ResponseTimes query={query} period={period} mode={mode} group={group} onGroupChange={setGroup} />
        <VolumeSection query={query} period={period} />
      </div>
    </main>
  );
}
