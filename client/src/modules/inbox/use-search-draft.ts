import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The search box's text while typing, and the settled query that lives in the URL: each pause in typing
 * hands the trimmed text on; a query changed from outside (Back, a reload) replaces the text.
 */
export function useSearchDraft(q: string, onSettled: (q: string) => void, delayMs: number): [string, (text: string) => void] {
  const [draft, setDraft] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    setShownQ(q);
    if (q !== draft.trim()) setDraft(q);
  }

  const settle = useRef(onSettled);
  useEffect(() => {
    settle.current = onSettled;
  }, [onSettled]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const change = useCallback(
    (text: string) => {
      setDraft(text);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => settle.current(text.trim()), delayMs);
    },
    [delayMs],
  );
  return [draft, change];
}
