import type { RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/env.js';

/** How long a command may wait for Redis where a request is waiting on it. */
export const REDIS_COMMAND_TIMEOUT_MS = 5000;

/**
 * Options of the command connections (not BullMQ's workers, which keep their own and wait for Redis to
 * come back). Where HTTP is served, a command fails within seconds while Redis is down, so a webhook
 * answers 503 (the platform redelivers) and an API request never hangs; a worker-only process has no
 * one waiting and keeps its commands until Redis is back, as the queues do.
 */
export function commandConnectionOptions(config: Pick<AppConfig, 'ROLE'>): RedisOptions {
  const base: RedisOptions = { connectTimeout: 3000 };
  if (config.ROLE === 'worker') return { ...base, maxRetriesPerRequest: null };
  return { ...base, maxRetriesPerRequest: 1, commandTimeout: REDIS_COMMAND_TIMEOUT_MS };
}
