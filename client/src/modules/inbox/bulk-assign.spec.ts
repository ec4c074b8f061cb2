import { describe, expect, it } from '@jest/globals';
import { bulkAssignBody, decodeBulkTarget, encodeBulkTarget, toggleInSet, visibleSelection, type BulkTarget } from './bulk-assign';

describe('bulk targets', () => {
  it.each<BulkTarget>([{ kind: 'nobody' }, { kind: 'agent', id: 'a-1' }, { kind: 'team', id: 't-1' }])('round-trips %o', (target) => {
    expect(decodeBulkTarget(encodeBulkTarget(target))).toEqual(target);
  });

  it('rejects the placeholder and junk', () => {
    expect(decodeBulkTarget('')).toBeNull();
    expect(decodeBulkTarget('agent:')).toBeNull();
    expect(decodeBulkTarget('boss:1')).toBeNull();
  });

  it('builds the request body', () => {
    expect(bulkAssignBody(['c1', 'c2'], { kind: 'agent', id: 'bea' })).toEqual({ ids: ['c1', 'c2'], assigneeId: 'bea' });
    expect(bulkAssignBody(['c1'], { kind: 'nobody' })).toEqual({ ids: ['c1'], assigneeId: null });
    expect(bulkAssignBody(['c1'], { kind: 'team', id: 'care' })).toEqual({ ids: ['c1'], assigneeId: null, teamId: 'care' });
  });
});

describe('selection', () => {
  it('keeps only what is still listed, in list order', () => {
    expect(visibleSelection(new Set(['c', 'gone', 'a']), ['a', 'b', 'c'])).toEqual(['a', 'c']);
  });

  it('toggles without mutating', () => {
    const empty: ReadonlySet<string> = new Set();
    const one = toggleInSet(empty, 'a');
    expect([...one]).toEqual(['a']);
    expect(empty.size).toBe(0);
    expect(toggleInSet(one, 'a').size).toBe(0);
  });
});
