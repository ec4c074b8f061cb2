import { useState } from 'react';
import { tagsFrom, tagsFromText } from './customer-edits';

interface TagsEditorProps {
  tags: string[];
  label: string;
  testId: string;
  disabled?: boolean;
  onChange: (tags: string[]) => void;
}

/** Tags as chips, each removable; new ones typed and added with Enter or a comma. */
export function TagsEditor({ tags, label, testId, disabled = false, onChange }: TagsEditorProps) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const added = tagsFromText(draft);
    setDraft('');
    if (added.length === 0) return;
    const next = tagsFrom([...tags, ...added]);
    if (next.length !== tags.length) onChange(next);
  };
  return (
    <div className="tags-editor" data-testid={testId}>
      {tags.length > 0 ? (
        <ul className="chips tag-chips" aria-label={label}>
          {tags.map((tag) => (
            <li key={tag} className="chip tag-chip" data-testid={`${testId}-tag`}>
              {tag}
              <button type="button" className="tag-remove" aria-label={`Remove tag ${tag}`} disabled={disabled} onClick={() => onChange(tags.filter((t) => t !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        className="text-input tag-input"
        data-testid={`${testId}-input`}
        aria-label={`Add to ${label.toLowerCase()}`}
        placeholder="Add a tag…"
        value={draft}
        disabled={disabled}
        maxLength={50}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={add}
        onKeyDown={(e) => {
          // A comma ends a tag, like Enter.
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add();
          }
          if (e.key === 'Escape') setDraft('');
        }}
      />
    </div>
  );
}
