import { describe, expect, it } from '@jest/globals';
import { isEntryId } from './audit-cursor.js';

describe('isEntryId', () => {
  it.each<[string, boolean]>([
    ['1', true],
    ['42', true],
    ['9223372036854775807', true],
    ['9223372036854775808', false],
    ['99999999999999999999', false],
    ['0', false],
    ['007', false],
    ['-1', false],
    ['1.5', false],
    ['abc', false],
    ['', false],
  ])('%s → %s', (cursor, expected) => {
    expect(isEntryId(cursor)).toBe(expected);
  });
});
