import { languageLabel } from '../../lib/language-label';
import { languageChoices, languageFromChoice, UNKNOWN_LANGUAGE } from './customer-edits';

interface CustomerLanguageSelectProps {
  value: string | null;
  disabled?: boolean;
  onChange: (language: string | null) => void;
}

/** The customer's preferred language; routing gives the conversation to someone who speaks it. */
export function CustomerLanguageSelect({ value, disabled = false, onChange }: CustomerLanguageSelectProps) {
  return (
    <select
      className="select select-compact"
      data-testid="customer-language"
      aria-label="Preferred language"
      value={value ?? UNKNOWN_LANGUAGE}
      disabled={disabled}
      onChange={(e) => onChange(languageFromChoice(e.target.value))}
    >
      {languageChoices(value).map((code) => (
        <option key={code} value={code}>
          {code === UNKNOWN_LANGUAGE ? 'Unknown' : languageLabel(code)}
        </option>
      ))}
    </select>
  );
}
