import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** How long a query waits for a pooled connection (a new one, or a free one under load). */
export const CONNECT_TIMEOUT_MS = 5000;

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // A request or job that cannot have a connection within 5 s fails (503 for requests, a retry for
    // jobs) instead of waiting for a Postgres that is down; keepAlive notices a vanished server.
    extra: { max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true },
  };
}

/** Used by the TypeORM CLI (`npm run migration:generate -w server`). */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rapport'));
