import fs from 'node:fs';
import { killGroup9, spawnServer, waitForHealth, type ChildServer } from '../support/child-server.js';

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
  const server = spawnServer(env, { ownGroup: true });
  const pid = server.child.pid;
  const workerPids = (): number[] => {
    if (pid === undefined) return [];
    try {
      return fs
        .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  return {
    ...server,
    workerPids,
    killWorkers9: () => {
      const pids = workerPids();
      for (const worker of pids) {
        try {
          process.kill(worker, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
      return pids.length;
    },
    killGroup9: () => {
      if (pid !== undefined) killGroup9(pid);
    },
  };
}

export { waitForHealth };
