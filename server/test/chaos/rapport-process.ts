import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { REPO_ROOT, SERVER_MAIN, waitForHealth, type ChildServer } from '../support/child-server.js';

const OUTPUT_TAIL = 64 * 1024;

export interface RapportProcess extends ChildServer {
  /** kill -9 of the server and of its worker processes (one process group), at once. */
  killGroup9: () => void;
  /** kill -9 of the worker processes only (the server starts them again); answers how many. */
  killWorkers9: () => number;
  /** The pids of the worker processes the server runs beside itself. */
  workerPids: () => number[];
}

/**
 * The built server as `npm start` runs it (a server and one worker process beside it), in a process
 * group of its own, so a kill -9 takes the worker processes down with it as a machine crash would.
 */
export function spawnRapport(env: Record<string, string>): RapportProcess {
  if (!fs.existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run "npm run build -w shared && npm run build -w server" first`);
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let running = true;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      resolve(signal ?? `code ${String(code)}`);
    });
    child.once('error', (err) => {
      running = false;
      resolve(`spawn error: ${err.message}`);
    });
  });
  const killGroup9 = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  };
  const workerPids = (): number[] => {
    if (child.pid === undefined) return [];
    try {
      return fs
        .readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  return {
    child,
    baseUrl: `http://127.0.0.1:${env.PORT}`,
    workerPids,
    killWorkers9: () => {
      const pids = workerPids();
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
      return pids.length;
    },
    alive: () => running,
    exited,
    output: () => tail,
    killGroup9,
    kill9: async () => {
      killGroup9();
      const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      if (!gone) throw new Error(`server process ${child.pid ?? '?'} did not die within 10 s of SIGKILL`);
      // The worker processes of the group: wait until none is left.
      for (let i = 0; i < 100 && groupAlive(child.pid); i++) await new Promise((r) => setTimeout(r, 100));
    },
  };
}

function groupAlive(pgid: number | undefined): boolean {
  if (pgid === undefined) return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export { waitForHealth };
