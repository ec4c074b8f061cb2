import { describe, expect, it } from '@jest/globals';
import { makeAgent, makeTeam } from '../../testing/fixtures';
import { applyPresence, groupAgentsByTeam, patchAgent, patchTeam, replaceById } from './agents-cache';

describe('applyPresence', () => {
  const agents = [makeAgent({ id: 'a', presence: 'online' }), makeAgent({ id: 'b', presence: 'offline' })];

  it('patches the one agent', () => {
    const next = applyPresence(agents, { userId: 'b', status: 'away' });
    expect(next?.map((a) => a.presence)).toEqual(['online', 'away']);
    expect(next?.[0]).toBe(agents[0]);
  });

  it('returns the same array for no change, an unknown user or no cache', () => {
    expect(applyPresence(agents, { userId: 'a', status: 'online' })).toBe(agents);
    expect(applyPresence(agents, { userId: 'zzz', status: 'online' })).toBe(agents);
    expect(applyPresence(undefined, { userId: 'a', status: 'online' })).toBeUndefined();
  });
});

describe('patchAgent', () => {
  const teams = [makeTeam({ id: 't1', defaultCapacity: 4 }), makeTeam({ id: 't2', defaultCapacity: 2 })];
  const agent = makeAgent({ id: 'a', capacity: null, effectiveCapacity: 4, teamIds: ['t1'], autoAssign: true });

  it('sets capacity and recomputes the effective one', () => {
    expect(patchAgent(agent, { capacity: 7 }, teams)).toMatchObject({ capacity: 7, effectiveCapacity: 7 });
    expect(patchAgent({ ...agent, capacity: 7, effectiveCapacity: 7 }, { capacity: null }, teams)).toMatchObject({ capacity: null, effectiveCapacity: 4 });
    expect(patchAgent(agent, { teamIds: ['t1', 't2'] }, teams)).toMatchObject({ effectiveCapacity: 2 });
  });

  it('toggles auto-assign without touching the rest', () => {
    const next = patchAgent(agent, { autoAssign: false }, teams);
    expect(next).toEqual({ ...agent, autoAssign: false });
    expect(agent.autoAssign).toBe(true);
  });

  it('normalises languages like the server', () => {
    expect(patchAgent(agent, { languages: [' ES', 'en'] }, teams).languages).toEqual(['es', 'en']);
  });
});

describe('patchTeam and replaceById', () => {
  it('applies only the given fields', () => {
    const team = makeTeam({ id: 't', strategy: 'least_loaded', defaultCapacity: 5 });
    expect(patchTeam(team, { strategy: 'manual' })).toEqual({ ...team, strategy: 'manual' });
  });

  it('replaces by id or leaves the list alone', () => {
    const list = [makeAgent({ id: 'a' }), makeAgent({ id: 'b' })];
    const b2 = makeAgent({ id: 'b', openCount: 3 });
    expect(replaceById(list, b2)?.[1]).toBe(b2);
    expect(replaceById(list, makeAgent({ id: 'z' }))).toBe(list);
    expect(replaceById(undefined, b2)).toBeUndefined();
  });
});

describe('groupAgentsByTeam', () => {
  it('lists each agent once, under the first team, and the teamless last', () => {
    const teams = [makeTeam({ id: 't1', name: 'Care' }), makeTeam({ id: 't2', name: 'Sales', memberIds: ['zed'] })];
    const agents = [
      makeAgent({ id: 'bea', name: 'Bea', teamIds: ['t1', 't2'] }),
      makeAgent({ id: 'alex', name: 'Alex', teamIds: ['t1'] }),
      makeAgent({ id: 'zed', name: 'Zed', teamIds: [] }),
      makeAgent({ id: 'ari', name: 'Ari', teamIds: [] }),
    ];
    const sections = groupAgentsByTeam(teams, agents);
    expect(sections.map((s) => [s.team?.name ?? null, s.members.map((a) => a.id), s.alsoMembers.map((a) => a.id)])).toEqual([
      ['Care', ['alex', 'bea'], []],
      ['Sales', ['zed'], ['bea']],
      [null, ['ari'], []],
    ]);
  });
});
