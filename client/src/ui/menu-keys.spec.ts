import { describe, expect, it } from '@jest/globals';
import { menuFocusStep } from './menu-keys';

describe('menuFocusStep', () => {
  it.each<[string, number, number, number | null]>([
    ['ArrowDown', 0, 4, 1],
    ['ArrowDown', 3, 4, 0],
    ['ArrowDown', -1, 4, 0],
    ['ArrowUp', 2, 4, 1],
    ['ArrowUp', 0, 4, 3],
    ['ArrowUp', -1, 4, 3],
    ['Home', 2, 4, 0],
    ['End', 1, 4, 3],
    ['Enter', 1, 4, null],
    ['Tab', 1, 4, null],
    ['ArrowDown', -1, 0, null],
  ])('%s from %d of %d', (key, current, count, expected) => {
    expect(menuFocusStep(key, current, count)).toBe(expected);
  });
});
