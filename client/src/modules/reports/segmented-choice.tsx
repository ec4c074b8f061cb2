import { useId } from 'react';

interface SegmentedChoiceProps<T extends string> {
  /** What the group chooses, read by screen readers. */
  label: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange: (value: T) => void;
  testIdPrefix: string;
}

/** A row of native radio buttons drawn as a segmented control: arrow keys and screen readers work as usual. */
export function SegmentedChoice<T extends string>({ label, options, value, onChange, testIdPrefix }: SegmentedChoiceProps<T>) {
  const name = useId();
  return (
    <div className="segmented report-segmented" role="radiogroup" aria-label={label}>
      {options.map((option) => (
        <label key={option.value} className={option.value === value ? 'segment is-active' : 'segment'}>
          <input
            type="radio"
            className="visually-hidden"
            name={name}
            value={option.value}
            checked={option.value === value}
            data-testid={`${testIdPrefix}-${option.value}`}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}
