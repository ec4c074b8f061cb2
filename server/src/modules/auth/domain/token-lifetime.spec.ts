import { describe, expect, it } from '@jest/globals';
import { lifetimeSeconds } from './token-lifetime.js';

describe('lifetimeSeconds', () => {
  it.each([
    ['15m', 900],
    ['12h', 43_200],
    ['2d', 172_800],
    ['45s', 45],
    ['900', 900],
    [' 30 m ', 1800],
  ])('%s → %i', (text, seconds) => {
    expect(lifetimeSeconds(text)).toBe(seconds);
  });

  it.each(['', '0', '0m', '15 minutes', '1.5h', '-5m', '12w', 'soon'])('refuses %p', (text) => {
    expect(lifetimeSeconds(text)).toBeNull();
  });
});
