import { useRealtime, type ConnectionStatus } from '../lib/realtime-context';

/** Down means down after having tried: the first connect of a fresh page is not news yet. */
export function isConnectionDown(status: ConnectionStatus): boolean {
  return status === 'reconnecting' || status === 'offline';
}

/**
 * While the socket is down nothing on screen changes by itself: say so plainly, across the page.
 * The live region stays mounted so screen readers hear the message when it appears.
 */
export function OfflineBanner() {
  const { status } = useRealtime();
  return (
    <div className="offline-banner-region" role="status">
      {isConnectionDown(status) ? (
        <div className="offline-banner" data-testid="offline-banner">
          <span className="offline-banner-dot" aria-hidden="true" />
          Reconnecting… changes will appear when the connection is back
        </div>
      ) : null}
    </div>
  );
}
