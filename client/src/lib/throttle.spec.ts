import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createThrottle, createTrailingThrottle } from './throttle';

describe('createThrottle', () => {
  it('opens at most once per interval', () => {
    let now = 0;
    const gate = createThrottle(3000, () => now);
    expect(gate()).toBe(true);
    now = 1000;
    expect(gate()).toBe(false);
    now = 2999;
    expect(gate()).toBe(false);
    now = 3000;
    expect(gate()).toBe(true);
    now = 3500;
    expect(gate()).toBe(false);
  });
});

describe('createTrailingThrottle', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs the first call at once and a burst after it once, at the end of the interval', () => {
    const action = jest.fn();
    const throttled = createTrailingThrottle(action, 1000);
    throttled();
    expect(action).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(100);
    throttled();
    throttled();
    throttled();
    expect(action).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(899);
    expect(action).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    expect(action).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(5000);
    expect(action).toHaveBeenCalledTimes(2);
  });

  it('never runs more than once per interval under a steady stream', () => {
    const runs: number[] = [];
    const throttled = createTrailingThrottle(() => runs.push(Date.now()), 1000);
    for (let i = 0; i < 50; i++) {
      throttled();
      jest.advanceTimersByTime(100);
    }
    jest.advanceTimersByTime(1000);
    // 5 seconds of calls: one run per second, the last one after the last call.
    expect(runs.map((t) => t - 1_000_000)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  });

  it('runs at once again after a quiet interval, and cancel drops a pending run', () => {
    const action = jest.fn();
    const throttled = createTrailingThrottle(action, 1000);
    throttled();
    jest.advanceTimersByTime(1500);
    throttled();
    expect(action).toHaveBeenCalledTimes(2);
    throttled();
    throttled.cancel();
    jest.advanceTimersByTime(5000);
    expect(action).toHaveBeenCalledTimes(2);
  });
});
