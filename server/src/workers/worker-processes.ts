import { fork, type ChildProcess } from 'node:child_process';
import { Logger } from '@nestjs/common';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';

const RESTART_DELAY_MS = 1000;
/** How long a scrape waits for a worker process's figures. */
const METRICS_TIMEOUT_MS = 1000;

export type ProcessMetrics = Array<MetricObjectWithValues<MetricValue<string>>>;

interface MetricsRequest {
  type: 'metrics-request';
  id: number;
}

interface MetricsReply {
  type: 'metrics-reply';
  id: number;
  metrics: ProcessMetrics;
}

/**
 * Worker processes beside a ROLE=all server: the queues run on more cores than the one that serves HTTP
 * and sockets (BullMQ shares the jobs among every process). Each is this same program with ROLE=worker;
 * one that dies is started again, and each ends with its parent (see `exitWithParent`).
 */
export function startWorkerProcesses(count: number): { stop: () => void; metrics: () => Promise<ProcessMetrics[]> } {
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

  let nextRequest = 0;
  /** Each live worker process's Prometheus figures; one that does not answer in time is left out. */
  const metrics = (): Promise<ProcessMetrics[]> =>
    Promise.all(
      [...children].map(
        (child) =>
          new Promise<ProcessMetrics | null>((resolve) => {
            const id = ++nextRequest;
            const timer = setTimeout(() => done(null), METRICS_TIMEOUT_MS);
            const onMessage = (message: unknown) => {
              if ((message as MetricsReply | null)?.type === 'metrics-reply' && (message as MetricsReply).id === id) done((message as MetricsReply).metrics);
            };
            const done = (result: ProcessMetrics | null) => {
              clearTimeout(timer);
              child.off('message', onMessage);
              resolve(result);
            };
            child.on('message', onMessage);
            if (!child.connected || !child.send({ type: 'metrics-request', id } satisfies MetricsRequest)) done(null);
          }),
      ),
    ).then((all) => all.filter((m): m is ProcessMetrics => m !== null));

  return {
    stop: () => {
      stopping = true;
      for (const child of children) child.kill('SIGTERM');
    },
    metrics,
  };
}

/** In a worker process: answers the parent's scrapes with this process's figures. */
export function answerMetricsRequests(collect: () => Promise<ProcessMetrics>): void {
  if (!process.send) return;
  process.on('message', (message: unknown) => {
    const request = message as MetricsRequest | null;
    if (request?.type !== 'metrics-request') return;
    void collect().then((metrics) => process.send?.({ type: 'metrics-reply', id: request.id, metrics } satisfies MetricsReply));
  });
}

/** How long a process whose parent is gone may take to close before it exits anyway. */
const ORPHAN_CLOSE_MS = 10_000;

/**
 * A process started with an IPC channel (a worker process by `startWorkerProcesses`, the server by `npm
 * start`) stops when its parent is gone, however it went: the channel closes even on SIGKILL.
 */
export function exitWithParent(close: () => Promise<void>, closeMs = ORPHAN_CLOSE_MS): void {
  if (!process.send) return;
  process.once('disconnect', () => {
    // A close that hangs (a job that never ends) must not leave an orphan behind.
    setTimeout(() => process.exit(1), closeMs).unref();
    void close().finally(() => process.exit(0));
  });
}
