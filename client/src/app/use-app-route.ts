import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { parseRoute, routeToHash, type AppRoute } from './app-route';

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

function readHash(): string {
  return window.location.hash;
}

/** The inbox hash left when switching to another view, so coming back reopens the same thread. */
let lastInboxHash = '';

export function useAppRoute(): { route: AppRoute; navigate: (route: AppRoute) => void; openInbox: () => void } {
  const hash = useSyncExternalStore(subscribe, readHash);
  const route = useMemo(() => parseRoute(hash), [hash]);

  const navigate = useCallback((next: AppRoute) => {
    const current = parseRoute(window.location.hash);
    if (current.view === 'inbox' && next.view !== 'inbox') lastInboxHash = routeToHash(current);
    window.location.hash = routeToHash(next);
  }, []);

  const openInbox = useCallback(() => {
    if (parseRoute(window.location.hash).view !== 'inbox') window.location.hash = lastInboxHash;
  }, []);

  return { route, navigate, openInbox };
}
