import { useRealtime } from '../lib/realtime-context';

const LABELS = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' } as const;

export function ConnectionIndicator() {
  const { status } = useRealtime();
  return (
    <span className={`connection connection-${status}`} data-testid="connection-status" data-status={status} role="status" aria-live="polite">
      <span className="connection-dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
