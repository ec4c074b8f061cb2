import { useCallback, useSyncExternalStore } from 'react';

/** The open conversation lives in the URL hash (#/c/<id>), so reload and back/forward keep it. */
const HASH_PATTERN = /^#\/c\/([^/?#]+)$/;

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

function readSelected(): string | null {
  const match = HASH_PATTERN.exec(window.location.hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export function useSelectedConversation(): [string | null, (id: string | null) => void] {
  const selected = useSyncExternalStore(subscribe, readSelected);
  const select = useCallback((id: string | null) => {
    window.location.hash = id === null ? '' : `/c/${encodeURIComponent(id)}`;
  }, []);
  return [selected, select];
}
