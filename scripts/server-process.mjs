// How `npm start` runs the built server: as a child in its own process group that cannot outlive us.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts `node server/dist/main.js` with `env` and stays its parent: our signals are forwarded to it, and we
 * exit with its code. Own process group, so a terminal Ctrl-C reaches the server once (forwarded by us)
 * rather than twice: a second SIGINT would cut its graceful shutdown short. The IPC channel is what ties
 * it to us: however we end, even by SIGKILL, it closes, and the server stops on `disconnect`.
 */
export function runServer(env) {
  const child = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 1)));
  return child;
}
