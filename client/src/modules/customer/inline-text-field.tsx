import { useState } from 'react';

interface InlineTextFieldProps {
  value: string | null;
  label: string;
  placeholder?: string;
  type?: 'text' | 'email' | 'tel';
  list?: string;
  testId: string;
  /** Called with the typed text when it differs from `value`; the caller decides what it saves. */
  onSave: (text: string) => void;
}

/** A text field that follows the saved value until edited; saved on leaving it or Enter, Escape drops the change. */
export function InlineTextField({ value, label, placeholder, type = 'text', list, testId, onSave }: InlineTextFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const save = () => {
    if (draft !== null && draft.trim() !== (value ?? '')) onSave(draft);
    setDraft(null);
  };
  return (
    <input
      className="text-input customer-inline-input"
      data-testid={testId}
      aria-label={label}
      type={type}
      list={list}
      placeholder={placeholder}
      value={draft ?? value ?? ''}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          save();
        }
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}
