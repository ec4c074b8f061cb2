import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { parseRoute, routeToHash, type AppRoute } from './app-route';

/** Told of hash changes made with replaceState, which fire no hashchange. */
const replaceListeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  replaceListeners.add(listener);
  return () => {
    window.removeEventListener('hashchange', listener);
    replaceListeners.delete(listener);
  };
}

function readHash(): string {
  return window.location.hash;
}

function writeHash(hash: string, replace: boolean): void {
  if (!replace) {
    window.location.hash = hash;
    return;
  }
  // The path and query of the page stay; an empty hash keeps a bare `#` like assigning location.hash does.
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}#${hash.replace(/^#/, '')}`);
  for (const listener of replaceListeners) listener();
}

/** The inbox hash left when switching to another view, so coming back reopens the same thread and filters. */
let lastInboxHash = '';

export interface NavigateOptions {
  /** Change the URL without a history entry (e.g. each settled search), so Back skips it. */
  replace?: boolean;
}

export function useAppRoute(): { route: AppRoute; navigate: (route: AppRoute, options?: NavigateOptions) => void; openInbox: () => void } {
  const hash = useSyncExternalStore(subscribe, readHash);
  const route = useMemo(() => parseRoute(hash), [hash]);

  const navigate = useCallback((next: AppRoute, options: NavigateOptions = {}) => {
    const current = parseRoute(window.location.hash);
    if (current.view === 'inbox' && next.view !== 'inbox') lastInboxHash = routeToHash(current);
    const hash = routeToHash(next);
    if (hash !== routeToHash(current)) writeHash(hash, options.replace ?? false);
  }, []);

  const openInbox = useCallback(() => {
    if (parseRoute(window.location.hash).view !== 'inbox') window.location.hash = lastInboxHash;
  }, []);

  return { route, navigate, openInbox };
}
