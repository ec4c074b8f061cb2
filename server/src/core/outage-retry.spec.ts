import { describe, expect, it, jest } from '@jest/globals';
import { DelayedError, type Job } from 'bullmq';
import { retryWhileUnavailable } from './outage-retry.js';

function fakeJob(moveToDelayed: (at: number, token?: string) => Promise<void> = async () => undefined) {
  const move = jest.fn(moveToDelayed);
  return { job: { moveToDelayed: move } as unknown as Job, move };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('retryWhileUnavailable', () => {
  it('passes results through', async () => {
    const { job } = fakeJob();
    await expect(retryWhileUnavailable(async () => 42)(job, 'token')).resolves.toBe(42);
  });

  it('delays the job without using an attempt when Postgres is down', async () => {
    const { job, move } = fakeJob();
    const before = Date.now();
    await expect(
      retryWhileUnavailable(async () => {
        throw refused;
      })(job, 'token'),
    ).rejects.toBeInstanceOf(DelayedError);
    expect(move).toHaveBeenCalledTimes(1);
    expect(move.mock.calls[0]![0]).toBeGreaterThanOrEqual(before + 1000);
    expect(move.mock.calls[0]![1]).toBe('token');
  });

  it('lets other errors fail the attempt', async () => {
    const { job, move } = fakeJob();
    const bug = new TypeError('boom');
    await expect(
      retryWhileUnavailable(async () => {
        throw bug;
      })(job, 'token'),
    ).rejects.toBe(bug);
    expect(move).not.toHaveBeenCalled();
  });

  it('throws the original error when Redis cannot take the delay either', async () => {
    const { job } = fakeJob(async () => {
      throw new Error('Connection is closed.');
    });
    await expect(
      retryWhileUnavailable(async () => {
        throw refused;
      })(job, 'token'),
    ).rejects.toBe(refused);
  });
});
