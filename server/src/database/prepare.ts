import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/env.js';
import { ensureDemoWorkspace } from '../demo/demo-workspace.js';
import { ensureAdmin } from './bootstrap-admin.js';
import { ensureSimulatedChannels } from '../demo/simulated-channels.js';
import { simulatorUrl } from '../simulator/simulator-url.js';
import { dataSourceOptions } from './data-source.js';
import { redactUrl } from '../core/reachability.js';
import { secretBoxFrom, usesDemoSecretsKey } from '../modules/channels/channel-secrets.js';
import { resealChannelSecrets } from '../modules/channels/reseal-secrets.js';

/** Any fixed number: one process at a time migrates and seeds, however many start together. */
const MIGRATION_LOCK = 72_410_000;

/**
 * Runs pending migrations, seals every channel's secrets with SECRETS_KEY (rows from before sealing, or
 * sealed with a previous key) and, when enabled, creates the demo workspace.
 */
export async function prepareDatabase(config: AppConfig): Promise<void> {
  const dataSource = new DataSource({ ...dataSourceOptions(config.DATABASE_URL), extra: { max: 2, connectionTimeoutMillis: 10_000 } });
  try {
    await dataSource.initialize();
  } catch (err) {
    throw new Error(`Postgres at ${redactUrl(config.DATABASE_URL)} does not answer (${err instanceof Error ? err.message : String(err)}): start it, or set DATABASE_URL.`, { cause: err });
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'all' });
    const box = secretBoxFrom(config);
    if (usesDemoSecretsKey(config) && config.LOG_LEVEL !== 'error') {
      Logger.warn('SECRETS_KEY is not set: channel secrets are sealed with the public demo key. Set a key of your own (openssl rand -base64 32).', 'Rapport');
    }
    const resealed = await dataSource.transaction((manager) => resealChannelSecrets(manager, box));
    if ((resealed.plaintext > 0 || resealed.rotated > 0) && (config.LOG_LEVEL === 'info' || config.LOG_LEVEL === 'debug')) {
      Logger.log(`Channel secrets sealed with key ${box.keyId}: ${resealed.plaintext} from plaintext, ${resealed.rotated} from a previous key`, 'Rapport');
    }
    if (config.DEMO_SEED) {
      await dataSource.transaction(async (manager) => {
        await ensureDemoWorkspace(manager, config, box);
        if (config.SIMULATOR) await ensureSimulatedChannels(manager, simulatorUrl(config), box);
      });
    }
    await dataSource.transaction((manager) => ensureAdmin(manager, config));
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}
