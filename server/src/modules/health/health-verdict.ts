import type { HealthResponse } from '@rapport/shared';
import { unavailableDependency } from '../../common/dependency-errors.js';

export type Probe = { up: true } | { up: false; error: unknown };

function reasonOf(probe: Probe): string {
  if (probe.up) return '';
  // The short reason where the error is a known one; else its own message (a timeout of the probe).
  const known = unavailableDependency(probe.error);
  if (known) return known.reason;
  return probe.error instanceof Error ? probe.error.message : 'no answer';
}

/** The health answer for the two probes: `message` names every store that is down, and why. */
export function healthVerdict(postgres: Probe, redis: Probe): HealthResponse {
  const down = [
    ...(postgres.up ? [] : [`Database unavailable: ${reasonOf(postgres)}`]),
    ...(redis.up ? [] : [`Redis unavailable: ${reasonOf(redis)}`]),
  ];
  return {
    status: down.length === 0 ? 'ok' : 'error',
    postgres: postgres.up ? 'ok' : 'down',
    redis: redis.up ? 'ok' : 'down',
    ...(down.length ? { message: down.join('; ') } : {}),
  };
}
