import { PERIOD_PRESETS, presetDays, type PeriodChoice, type PeriodPreset } from './report-period';
import { SegmentedChoice } from './segmented-choice';

const PRESET_LABELS: Record<PeriodPreset, string> = { today: 'Today', '7d': '7 days', '30d': '30 days', custom: 'Custom' };
const PRESET_OPTIONS = PERIOD_PRESETS.map((value) => ({ value, label: PRESET_LABELS[value] }));

interface PeriodPickerProps {
  choice: PeriodChoice;
  /** The local day now (YYYY-MM-DD): the latest day one can pick. */
  today: string;
  /** Why the custom days cannot be used, shown beside them. */
  error: string | null;
  onChange: (choice: PeriodChoice) => void;
}

export function PeriodPicker({ choice, today, error, onChange }: PeriodPickerProps) {
  const choosePreset = (preset: PeriodPreset) => {
    if (preset !== 'custom') onChange({ preset });
    // Custom starts from the days on screen, so switching changes nothing until a date is edited.
    else if (choice.preset !== 'custom') onChange({ preset: 'custom', ...presetDays(choice.preset, today) });
  };
  return (
    <div className="report-period">
      <SegmentedChoice label="Period" options={PRESET_OPTIONS} value={choice.preset} onChange={choosePreset} testIdPrefix="report-period" />
      {choice.preset === 'custom' ? (
        <div className="report-custom-days">
          <label className="report-date">
            <span>From</span>
            <input type="date" className="report-date-input" data-testid="report-from" value={choice.from} max={today} aria-invalid={error ? true : undefined} onChange={(e) => onChange({ ...choice, from: e.target.value })} />
          </label>
          <label className="report-date">
            <span>To</span>
            <input type="date" className="report-date-input" data-testid="report-to" value={choice.to} max={today} aria-invalid={error ? true : undefined} onChange={(e) => onChange({ ...choice, to: e.target.value })} />
          </label>
          {error ? (
            <span className="report-period-error" role="alert">
              {error}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
