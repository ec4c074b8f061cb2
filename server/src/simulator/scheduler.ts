/**
 * Every delay the simulator waits on goes through one Scheduler, so that closing cancels them all: pending
 * timers never fire, sleepers wake at once, and the abort signal cuts the requests still in flight.
 */
export class Scheduler {
  private isClosed = false;
  private readonly controller = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<() => void>();

  get closed(): boolean {
    return this.isClosed;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs `fn` after `ms` unless the simulator closes first (null once it has). */
  later(ms: number, fn: () => void): NodeJS.Timeout | null {
    if (this.isClosed) return null;
    // setTimeout fires at once beyond 2^31-1 ms: clamp very long waits (a tiny traffic rate) instead.
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (!this.isClosed) fn();
      },
      Math.min(2_147_483_647, Math.max(0, ms)),
    );
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  cancel(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** Resolves after `ms`, or as soon as the simulator closes. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.isClosed) return resolve();
      const wake = (): void => {
        this.sleepers.delete(wake);
        resolve();
      };
      this.sleepers.add(wake);
      const timer = setTimeout(wake, ms);
      timer.unref();
    });
  }

  close(): void {
    this.isClosed = true;
    this.controller.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const wake of [...this.sleepers]) wake();
    this.sleepers.clear();
  }
}
