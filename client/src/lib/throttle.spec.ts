import { describe, expect, it } from '@jest/globals';
import { createThrottle } from './throttle';

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
