import type { Agent } from '@rapport/shared';
import { formatLoad, isAtCapacity, loadRatio } from './agent-load';

/** Open conversations against capacity; a full agent turns the warning colour (routing skips them). */
export function LoadBar({ agent }: { agent: Pick<Agent, 'openCount' | 'effectiveCapacity'> }) {
  const full = isAtCapacity(agent);
  const label = formatLoad(agent);
  return (
    <span
      className={full ? 'load is-full' : 'load'}
      data-testid="agent-load"
      data-full={full ? 'true' : 'false'}
      title={full ? `${label} open — at capacity, routing skips them` : `${label} open conversations`}
    >
      <span className="load-track" aria-hidden="true">
        <span className="load-fill" style={{ width: `${Math.round(loadRatio(agent) * 100)}%` }} />
      </span>
      <span className="load-label">{label}</span>
    </span>
  );
}
