// `npm test [-- <jest args>]`: find or start Postgres and Redis, build what the e2e tests serve, run the
// jest suites of server/ (and of client/ when it has a jest config), and print `N passed, N failed`
// as the very last line (CI reads it). Servers it had to start are stopped again.
//
// Env knobs: JEST_FLAGS (default "--runInBand --forceExit"), TEST_DATABASE_URL / TEST_REDIS_URL (use these
// servers instead of finding one), BROWSER_TESTS=off (skip the chromium tests).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWorkspaces, ensureServices, repoRoot } from './services.mjs';

let services;

/** Stops what we started, then prints the summary line last of all and exits. */
async function finish(passed, failed, skipped, ok) {
  await services?.stop();
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(ok && failed === 0 && passed > 0 ? 0 : 1); // no test run at all is a failure too
}

try {
  services = await ensureServices({
    databaseUrl: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL,
    redisUrl: process.env.TEST_REDIS_URL ?? process.env.REDIS_URL,
  });
  // The e2e tests serve client/dist; shared/dist is what @rapport/shared resolves to outside jest;
  // the crash-recovery test runs server/dist as a child process.
  buildWorkspaces(['shared', 'server', 'client']);
} catch (err) {
  console.error(`\n${err.message}`);
  await finish(0, 1, 0, false);
}

const env = {
  ...process.env,
  // Tests create and drop their own databases per file, so they get the admin database of the server;
  // in Redis they use their own key prefixes.
  TEST_DATABASE_URL: services.adminDatabaseUrl,
  TEST_REDIS_URL: services.redisUrl,
};
if (!fs.existsSync('/usr/bin/chromium') && !env.BROWSER_TESTS) {
  console.log('note: /usr/bin/chromium is missing, so browser tests are skipped (apt-get install -y chromium)');
  env.BROWSER_TESTS = 'off';
}

// DB-heavy suites on a small machine: one process avoids connection storms; --forceExit keeps a leaked
// handle from hanging CI forever (jest still reports it).
const flags = (process.env.JEST_FLAGS ?? '--runInBand --forceExit').split(/\s+/).filter(Boolean);

let jest;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = true;
    jest?.kill(signal);
  });
}

/** Runs jest for one workspace config; returns its counts (a crash without results counts as 1 failure). */
async function runJest(config) {
  const resultsFile = path.join(os.tmpdir(), `rapport-jest-${process.pid}.json`);
  fs.rmSync(resultsFile, { force: true });
  const args = [
    '--experimental-vm-modules', 'node_modules/jest/bin/jest.js',
    '--config', config, '--json', `--outputFile=${resultsFile}`,
    // Counted across all configs below: a filter matching only one workspace's tests must not fail the other.
    '--passWithNoTests',
    ...flags, ...process.argv.slice(2),
  ];
  // Own process group, so a terminal Ctrl-C reaches jest once (forwarded below) and we live on to clean up.
  jest = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: 'inherit', detached: true });
  const code = await new Promise((resolve) => jest.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  try {
    const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    fs.rmSync(resultsFile, { force: true });
    // A suite that fails to load (syntax error, import failure) has no failed tests of its own: count it once.
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    return { passed: r.numPassedTests, failed, skipped: r.numPendingTests, ok: code === 0 };
  } catch {
    console.error(`jest (${config}) wrote no results: it crashed before finishing`);
    return { passed: 0, failed: 1, skipped: 0, ok: false };
  }
}

// The server's suites (unit, integration, e2e), then any other workspace that has a jest config.
const total = { passed: 0, failed: 0, skipped: 0, ok: true };
for (const ws of ['server', 'client', 'shared']) {
  const config = `${ws}/jest.config.js`;
  if (interrupted) break;
  if (ws !== 'server' && !fs.existsSync(path.join(repoRoot, config))) continue;
  const r = await runJest(config);
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
  total.ok &&= r.ok;
}
await finish(total.passed, total.failed, total.skipped, total.ok);
