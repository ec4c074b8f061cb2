import { describe, expect, it } from '@jest/globals';
import type { Assignment } from '@rapport/shared';
import { makeMessage } from '../../testing/fixtures';
import { buildNameDirectory, describeAssignment, namesUnknownUser, UNKNOWN_TEAMMATE } from './assignment-description';

const NAMES: Record<string, string> = { bea: 'Bea Lindqvist', lee: 'Lee Tanaka', alex: 'Alex Moreno', chidi: 'Chidi Okafor' };
const nameOf = (id: string) => NAMES[id] ?? UNKNOWN_TEAMMATE;

type Change = Pick<Assignment, 'fromUserId' | 'toUserId' | 'byUserId' | 'reason'>;
const change = (over: Partial<Change>): Change => ({ fromUserId: null, toUserId: null, byUserId: null, reason: 'manual', ...over });

describe('describeAssignment', () => {
  it.each<[Partial<Change>, string]>([
    [{ toUserId: 'bea', byUserId: 'lee' }, 'Assigned to Bea Lindqvist by Lee Tanaka'],
    [{ fromUserId: 'alex', toUserId: 'bea', byUserId: 'lee' }, 'Assigned to Bea Lindqvist by Lee Tanaka'],
    [{ toUserId: 'alex', byUserId: 'alex' }, 'Taken by Alex Moreno'],
    [{ toUserId: 'alex', reason: 'sticky' }, 'Routed to Alex Moreno (returning customer)'],
    [{ toUserId: 'alex', reason: 'auto' }, 'Routed to Alex Moreno automatically'],
    [{ fromUserId: 'chidi', reason: 'offline' }, 'Moved from Chidi Okafor: went offline'],
    [{ fromUserId: 'chidi', toUserId: 'bea', reason: 'offline' }, 'Moved from Chidi Okafor to Bea Lindqvist: went offline'],
    [{ fromUserId: 'chidi', toUserId: 'bea', reason: 'capacity' }, 'Moved from Chidi Okafor to Bea Lindqvist: over capacity'],
    [{ toUserId: 'bea', reason: 'capacity' }, 'Routed to Bea Lindqvist as capacity freed up'],
    [{ fromUserId: 'bea', byUserId: 'lee' }, 'Unassigned by Lee Tanaka'],
    [{ fromUserId: 'bea' }, 'Unassigned'],
    [{ toUserId: 'bea' }, 'Assigned to Bea Lindqvist'],
    [{ toUserId: 'nobody-we-know', byUserId: 'lee' }, 'Assigned to a teammate by Lee Tanaka'],
  ])('%o → %s', (over, expected) => {
    expect(describeAssignment(change(over), nameOf)).toBe(expected);
  });
});

describe('buildNameDirectory', () => {
  it('knows agents, the viewer, the assignee and message authors, else says "a teammate"', () => {
    const names = buildNameDirectory({
      agents: [{ id: 'bea', name: 'Bea Lindqvist' }],
      currentUser: { id: 'alex', name: 'Alex Moreno' },
      conversation: { assignee: { id: 'chidi', name: 'Chidi Okafor' } },
      messages: [
        makeMessage({ id: 'm1', authorType: 'agent', authorId: 'dana', authorName: 'Dana Kowalski' }),
        makeMessage({ id: 'm2', authorType: 'customer', authorId: 'cust', authorName: 'Ada' }),
      ],
    });
    expect(['bea', 'alex', 'chidi', 'dana', 'cust', 'lee'].map(names)).toEqual(['Bea Lindqvist', 'Alex Moreno', 'Chidi Okafor', 'Dana Kowalski', UNKNOWN_TEAMMATE, UNKNOWN_TEAMMATE]);
  });
});

describe('buildNameDirectory with the directory', () => {
  it('names colleagues an agent cannot list, for every line of the timeline', () => {
    const names = buildNameDirectory({
      directory: [
        { id: 'bea', name: 'Bea Lindqvist' },
        { id: 'lee', name: 'Lee Tanaka' },
      ],
      currentUser: { id: 'alex', name: 'Alex Moreno' },
    });
    expect(describeAssignment(change({ fromUserId: 'alex', toUserId: 'bea', byUserId: 'lee' }), names)).toBe('Assigned to Bea Lindqvist by Lee Tanaka');
    expect(names('gone')).toBe(UNKNOWN_TEAMMATE);
  });

  it('lets fresher sources win over the directory (a rename)', () => {
    const names = buildNameDirectory({ directory: [{ id: 'bea', name: 'Bea L.' }], agents: [{ id: 'bea', name: 'Bea Lindqvist' }] });
    expect(names('bea')).toBe('Bea Lindqvist');
  });
});

describe('namesUnknownUser', () => {
  const directory = [{ id: 'bea' }, { id: 'lee' }];
  it('spots an id the directory does not list', () => {
    expect(namesUnknownUser([change({ toUserId: 'bea', byUserId: 'lee' })], directory)).toBe(false);
    expect(namesUnknownUser([change({ toUserId: 'bea', byUserId: 'new-hire' })], directory)).toBe(true);
    expect(namesUnknownUser([], directory)).toBe(false);
  });
});
