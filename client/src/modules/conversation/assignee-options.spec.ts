import { describe, expect, it } from '@jest/globals';
import { makeAgent } from '../../testing/fixtures';
import { assigneeOptions } from './assignee-options';

const agents = [
  makeAgent({ id: 'bea', name: 'Bea Lindqvist', teamIds: ['care'], openCount: 2, effectiveCapacity: 5 }),
  makeAgent({ id: 'alex', name: 'Alex Moreno', teamIds: ['care'], openCount: 5, effectiveCapacity: 5, presence: 'away' }),
  makeAgent({ id: 'sam', name: 'Sam Sales', teamIds: ['sales'], openCount: 0, effectiveCapacity: 3 }),
];

describe('assigneeOptions', () => {
  it('lists Unassigned and the agents of the team by name, with load', () => {
    expect(assigneeOptions(agents, { teamId: 'care', assignee: null })).toEqual([
      { value: '', label: 'Unassigned' },
      { value: 'alex', label: 'Alex Moreno (5/5) · away' },
      { value: 'bea', label: 'Bea Lindqvist (2/5)' },
    ]);
  });

  it('lists everyone when the conversation has no team', () => {
    expect(assigneeOptions(agents, { teamId: null, assignee: null }).map((o) => o.value)).toEqual(['', 'alex', 'bea', 'sam']);
  });

  it('keeps the current assignee even from another team or unknown', () => {
    expect(assigneeOptions(agents, { teamId: 'care', assignee: { id: 'sam', name: 'Sam Sales' } }).at(-1)).toEqual({ value: 'sam', label: 'Sam Sales (0/3)' });
    expect(assigneeOptions(undefined, { teamId: 'care', assignee: { id: 'x', name: 'Xia' } })).toEqual([
      { value: '', label: 'Unassigned' },
      { value: 'x', label: 'Xia' },
    ]);
  });
});
