import { useRealtime } from '../lib/realtime-context';

/** Agents say whether routing may give them new conversations; away keeps what they have. */
export function AvailabilityToggle() {
  const { availability, setAvailability } = useRealtime();
  const away = availability === 'away';
  return (
    <button
      type="button"
      className={`availability ${away ? 'is-away' : 'is-available'}`}
      data-testid="availability-toggle"
      data-availability={availability}
      aria-pressed={away}
      title={away ? 'Away: no new conversations are routed to you. Click to become available.' : 'Available: new conversations are routed to you. Click to go away.'}
      onClick={() => setAvailability(away ? 'online' : 'away')}
    >
      <span className="availability-dot" aria-hidden="true" />
      {away ? 'Away' : 'Available'}
    </button>
  );
}
