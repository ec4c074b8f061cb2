import { DelayedError, type Job, type Processor } from 'bullmq';
import { unavailableDependency } from '../common/dependency-errors.js';

/** How long a job waits before it tries again while Postgres or Redis is down. */
export const OUTAGE_RETRY_MS = 2000;

/**
 * A job that failed because Postgres or Redis did not answer waits a moment and runs again without using
 * up one of its attempts: an outage longer than the backoff of eight attempts (about two minutes) must not
 * fail an acknowledged webhook for good. Other errors fail the attempt as usual.
 */
export function retryWhileUnavailable(processor: Processor): Processor {
  return async (job: Job, token?: string, signal?: AbortSignal) => {
    try {
      return (await processor(job, token, signal)) as unknown;
    } catch (err) {
      if (!token || err instanceof DelayedError || !unavailableDependency(err)) throw err;
      try {
        await job.moveToDelayed(Date.now() + OUTAGE_RETRY_MS, token);
      } catch {
        // Redis is the one down: the lock runs out and the stalled-job check hands the job out again.
        throw err;
      }
      throw new DelayedError();
    }
  };
}
