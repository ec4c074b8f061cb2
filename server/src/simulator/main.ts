/**
 * `npm run simulator`: the platform simulator on its own, next to a Rapport started elsewhere.
 *
 *   RAPPORT_URL      where Rapport listens (default http://localhost:3000)
 *   SIMULATOR_PORT   where the simulator listens (default 3001)
 *   SIMULATOR_HOST   interface to bind (default 127.0.0.1)
 *   SIMULATOR_RATE   customer messages per minute (default 6; 0 = no traffic)
 *   SIMULATOR_SEED   optional integer: the same seed tells the same story
 *   META_APP_SECRET, X_CONSUMER_SECRET, API_CHANNEL_SECRET, API_CHANNEL_KEY   as configured in Rapport
 */
import { seededRandom } from './scenarios.js';
import { startSimulator } from './simulator.js';

function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0 (got "${raw}")`);
  return value;
}

function env(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? fallback : value;
}

async function main(): Promise<void> {
  const seed = process.env.SIMULATOR_SEED;
  const simulator = await startSimulator({
    port: numberFrom('SIMULATOR_PORT', 3001),
    host: env('SIMULATOR_HOST', '127.0.0.1'),
    rapportUrl: env('RAPPORT_URL', 'http://localhost:3000'),
    secrets: {
      metaAppSecret: env('META_APP_SECRET', 'rapport-demo-meta-secret'),
      xConsumerSecret: env('X_CONSUMER_SECRET', 'rapport-demo-x-secret'),
      apiChannelSecret: env('API_CHANNEL_SECRET', 'rapport-demo-api-secret'),
      apiChannelKey: env('API_CHANNEL_KEY', 'demo'),
    },
    traffic: { messagesPerMinute: numberFrom('SIMULATOR_RATE', 6) },
    ...(seed !== undefined && seed.trim() !== '' ? { random: seededRandom(Number(seed)) } : {}),
    log: (line) => console.log(`${new Date().toISOString()} [simulator] ${line}`),
  });
  console.log(
    `${new Date().toISOString()} [simulator] control: POST ${simulator.url}/_sim/say | GET /_sim/sent | POST /_sim/fail | POST /_sim/traffic | GET /_sim/health`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${new Date().toISOString()} [simulator] ${signal}: stopping`);
    simulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`simulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
