import { useEffect, useEffectEvent, useState } from 'react';
import { MAX_CAPACITY, parseCapacity } from './agent-load';

/** Typing pauses this long before the number is saved (Enter or leaving the field saves at once). */
const SAVE_AFTER_MS = 1000;

interface CapacityInputProps {
  agentName: string;
  capacity: number | null;
  /** What applies when the field is empty (the team default). */
  defaultCapacity: number;
  onSave: (capacity: number | null) => void;
}

function asText(capacity: number | null): string {
  return capacity === null ? '' : String(capacity);
}

/**
 * The agent's own limit. The parent keys it by the saved value, so a server answer or a rollback resets
 * what is shown.
 */
export function CapacityInput({ agentName, capacity, defaultCapacity, onSave }: CapacityInputProps) {
  const [text, setText] = useState(asText(capacity));
  const parsed = parseCapacity(text);
  /** undefined: nothing to save (unchanged or not a valid number). */
  const pending = parsed.ok && parsed.value !== capacity ? parsed.value : undefined;

  const save = useEffectEvent((value: number | null) => onSave(value));

  useEffect(() => {
    if (pending === undefined) return;
    const timer = setTimeout(() => save(pending), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [pending]);

  const saveNow = () => {
    if (pending !== undefined) onSave(pending);
  };

  return (
    <input
      type="number"
      inputMode="numeric"
      min={0}
      max={MAX_CAPACITY}
      step={1}
      className={parsed.ok ? 'capacity-input' : 'capacity-input is-invalid'}
      data-testid="agent-capacity-input"
      aria-label={`Capacity of ${agentName}`}
      aria-invalid={parsed.ok ? undefined : true}
      title={`Most open conversations at once; empty uses the team default (${defaultCapacity})`}
      placeholder={String(defaultCapacity)}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={saveNow}
      onKeyDown={(e) => {
        if (e.key === 'Enter') saveNow();
        if (e.key === 'Escape') setText(asText(capacity));
      }}
    />
  );
}
