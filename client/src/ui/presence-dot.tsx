import type { PresenceStatus } from '@rapport/shared';

const LABELS: Record<PresenceStatus, string> = { online: 'Online', away: 'Away', offline: 'Offline' };

export function PresenceDot({ presence }: { presence: PresenceStatus }) {
  const label = LABELS[presence] ?? presence;
  return <span className={`presence-dot presence-${presence}`} role="img" aria-label={label} title={label} data-presence={presence} />;
}
