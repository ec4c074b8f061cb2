import { describe, expect, it } from '@jest/globals';
import { makeTeam } from '../../testing/fixtures';
import { agentOptionLabel, effectiveCapacityOf, formatLoad, isAtCapacity, loadRatio, parseCapacity } from './agent-load';

describe('load', () => {
  it.each([
    [0, 5, 0, false],
    [2, 5, 0.4, false],
    [5, 5, 1, true],
    [7, 5, 1, true],
    [0, 0, 1, true],
  ])('%d open of %d → ratio %d, full %s', (openCount, effectiveCapacity, ratio, full) => {
    expect(loadRatio({ openCount, effectiveCapacity })).toBe(ratio);
    expect(isAtCapacity({ openCount, effectiveCapacity })).toBe(full);
  });

  it('formats the load and the picker label', () => {
    expect(formatLoad({ openCount: 2, effectiveCapacity: 5 })).toBe('2/5');
    expect(agentOptionLabel({ name: 'Bea Lindqvist', presence: 'online', openCount: 2, effectiveCapacity: 5 })).toBe('Bea Lindqvist (2/5)');
    expect(agentOptionLabel({ name: 'Chidi Okafor', presence: 'offline', openCount: 1, effectiveCapacity: 3 })).toBe('Chidi Okafor (1/3) · offline');
  });
});

describe('effectiveCapacityOf', () => {
  const teams = [makeTeam({ id: 'a', defaultCapacity: 5 }), makeTeam({ id: 'b', defaultCapacity: 3 })];
  it('prefers the own limit, else the smallest team default, else the fallback', () => {
    expect(effectiveCapacityOf(8, ['a'], teams, 1)).toBe(8);
    expect(effectiveCapacityOf(0, ['a'], teams, 1)).toBe(0);
    expect(effectiveCapacityOf(null, ['a', 'b'], teams, 1)).toBe(3);
    expect(effectiveCapacityOf(null, ['a'], teams, 1)).toBe(5);
    expect(effectiveCapacityOf(null, [], teams, 4)).toBe(4);
  });
});

describe('parseCapacity', () => {
  it.each([
    ['', { ok: true, value: null }],
    ['  ', { ok: true, value: null }],
    ['0', { ok: true, value: 0 }],
    [' 7 ', { ok: true, value: 7 }],
    ['100', { ok: true, value: 100 }],
    ['101', { ok: false }],
    ['-1', { ok: false }],
    ['2.5', { ok: false }],
    ['abc', { ok: false }],
  ])('%j → %o', (text, expected) => {
    expect(parseCapacity(text)).toEqual(expected);
  });
});
