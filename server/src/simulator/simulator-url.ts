import type { AppConfig } from '../config/env.js';

/** Where the simulator listens when Rapport starts it: the demo channels point their API calls there. */
export function simulatorUrl(config: Pick<AppConfig, 'SIMULATOR_PORT'>): string {
  return `http://127.0.0.1:${config.SIMULATOR_PORT}`;
}
