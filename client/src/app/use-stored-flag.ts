import { useCallback, useState } from 'react';

/** A boolean UI preference remembered across reloads (e.g. whether the customer panel is open). */
export function useStoredFlag(key: string, initial: boolean): [boolean, () => void] {
  const [value, setValue] = useState(() => {
    try {
      const stored = localStorage.getItem(key);
      return stored === null ? initial : stored === 'true';
    } catch {
      return initial;
    }
  });
  const toggle = useCallback(() => {
    setValue((current) => {
      const next = !current;
      try {
        localStorage.setItem(key, String(next));
      } catch {
        // Private mode or full storage: the preference just will not persist.
      }
      return next;
    });
  }, [key]);
  return [value, toggle];
}
