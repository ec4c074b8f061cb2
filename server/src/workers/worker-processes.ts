import { fork, type ChildProcess } from 'node:child_process';
import { Logger } from '@nestjs/common';

const RESTART_DELAY_MS = 1000;

/**
 * Worker processes beside a ROLE=all server: the queues run on more cores than the one that serves HTTP
 * and sockets (BullMQ shares the jobs among every process). Each is this same program with ROLE=worker;
 * one that dies is started again, and each ends with its parent (see `exitWithParent`).
 */
export function startWorkerProcesses(count: number): { stop: () => void } {
  const logger = new Logger('WorkerProcesses');
  const children = new Set<ChildProcess>();
  let stopping = false;

  const start = (n: number): void => {
    const child = fork(process.argv[1]!, process.argv.slice(2), {
      // The parent migrated, seeded and runs the simulator already.
      env: { ...process.env, ROLE: 'worker', WORKER_PROCESSES: '0', DEMO_SEED: 'off', SIMULATOR: 'off' },
      execArgv: process.execArgv,
    });
    children.add(child);
    // The parent may exit while its workers finish their jobs.
    child.unref();
    child.channel?.unref();
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (stopping) return;
      logger.warn(`worker process ${n} (pid ${child.pid ?? '?'}) exited (${signal ?? `code ${code ?? '?'}`}); starting it again`);
      setTimeout(() => start(n), RESTART_DELAY_MS).unref();
    });
  };
  for (let n = 1; n <= count; n++) start(n);

  return {
    stop: () => {
      stopping = true;
      for (const child of children) child.kill('SIGTERM');
    },
  };
}

/** A worker process started by `startWorkerProcesses` stops when its parent is gone, however it went. */
export function exitWithParent(close: () => Promise<void>): void {
  if (!process.send) return;
  process.once('disconnect', () => {
    void close().finally(() => process.exit(0));
  });
}
