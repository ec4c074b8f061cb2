/** Returns a gate that opens at most once per `intervalMs` (e.g. for typing notifications). */
export function createThrottle(intervalMs: number, now: () => number = Date.now): () => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const t = now();
    if (t - last < intervalMs) return false;
    last = t;
    return true;
  };
}

export interface TrailingThrottle {
  /** Runs the action now if it has not run within the interval, else once at the end of it. */
  (): void;
  /** Drops a scheduled run (on unmount). */
  cancel: () => void;
}

/**
 * Runs `action` at most once per `intervalMs`, and never drops the last call: a call inside the
 * interval is deferred to its end, so a burst of events ends in one run that sees all of them.
 */
export function createTrailingThrottle(action: () => void, intervalMs: number): TrailingThrottle {
  let lastRun = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    timer = undefined;
    lastRun = Date.now();
    action();
  };

  const throttled = (() => {
    if (timer !== undefined) return;
    const wait = lastRun + intervalMs - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  }) as TrailingThrottle;

  throttled.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return throttled;
}
