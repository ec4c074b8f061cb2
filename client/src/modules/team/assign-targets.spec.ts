import { describe, expect, it } from '@jest/globals';
import type { Agent } from '@rapport/shared';
import { assignTargets } from './assign-targets';

const agent = (id: string, name: string, teamIds: string[]): Agent => ({
  id,
  name,
  email: `${id}@rapport.test`,
  role: 'agent',
  capacity: null,
  effectiveCapacity: 5,
  skills: [],
  languages: [],
  teamIds,
  autoAssign: true,
  presence: 'online',
  openCount: 1,
  oldestWaitingSince: null,
});

describe('assignTargets', () => {
  const agents = [agent('bea', 'Bea', ['care']), agent('alex', 'Alex', ['care']), agent('sam', 'Sam', ['sales'])];

  it('offers the team’s agents by name with their load, not nobody', () => {
    expect(assignTargets(agents, { teamId: 'care', assignee: null, assigneeId: null })).toEqual([
      { value: 'alex', label: 'Alex (1/5)' },
      { value: 'bea', label: 'Bea (1/5)' },
    ]);
  });

  it('leaves out the current owner, and offers everyone for a conversation of no team', () => {
    expect(assignTargets(agents, { teamId: 'care', assignee: { id: 'bea', name: 'Bea' }, assigneeId: 'bea' }).map((o) => o.value)).toEqual(['alex']);
    expect(assignTargets(agents, { teamId: null, assignee: null, assigneeId: null }).map((o) => o.value)).toEqual(['alex', 'bea', 'sam']);
  });
});
