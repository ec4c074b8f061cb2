// `npm start`: build what changed, find or start Postgres and Redis, then run the server
// (which migrates the database and creates the demo workspace itself).
//
// Postgres/Redis servers this script had to start itself (under .data/) are left running on exit so
// the next start is instant; stop them with
//   pg_ctl -D .data/postgres stop   (as the postgres user when root)   and   redis-cli -p 63790 shutdown
import fs from 'node:fs';
import path from 'node:path';
import { runServer } from './server-process.mjs';
import { buildWorkspaces, ensureServices, repoRoot } from './services.mjs';

/** Minimal .env reader: KEY=VALUE lines, # comments, optional quotes; never overrides the real env. */
function loadDotEnv(file) {
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const [, key, raw] = m;
    const quoted = /^(['"])(.*)\1$/.exec(raw);
    const value = quoted ? quoted[2] : raw.replace(/\s+#.*$/, ''); // `KEY=value # note` like dotenv
    if (process.env[key] === undefined) process.env[key] = value;
  }
}

loadDotEnv(path.join(repoRoot, '.env'));

let services;
try {
  buildWorkspaces(['shared', 'server', 'client']);
  services = await ensureServices();
} catch (err) {
  console.error(`\n${err.message}`);
  process.exit(1);
}

const env = {
  ...process.env,
  DATABASE_URL: services.databaseUrl,
  REDIS_URL: services.redisUrl,
  PORT: process.env.PORT ?? '3000',
};
console.log(`starting the server on http://localhost:${env.PORT}`);

runServer(env);
