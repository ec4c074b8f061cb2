import { describe, expect, it } from '@jest/globals';
import { chooseAgent, isEligible, lastAssigned, rankAgents, type AgentCandidate, type RoutingChoice, type RoutingRequest } from './choose-agent.js';

const agent = (id: string, over: Partial<AgentCandidate> = {}): AgentCandidate => ({
  id,
  presence: 'online',
  autoAssign: true,
  openCount: 0,
  capacity: 3,
  skills: [],
  languages: ['en'],
  lastAssignedAt: null,
  ...over,
});

const at = (hhmm: string): Date => new Date(`2026-03-02T${hhmm}:00Z`);

const request = (over: Partial<RoutingRequest> = {}): RoutingRequest => ({
  strategy: 'least_loaded',
  language: null,
  tags: [],
  stickyAgentId: null,
  lastAgentId: null,
  ...over,
});

const auto = (agentId: string): RoutingChoice => ({ agentId, reason: 'auto' });
const sticky = (agentId: string): RoutingChoice => ({ agentId, reason: 'sticky' });

describe('isEligible', () => {
  it.each<[string, Partial<AgentCandidate>, boolean]>([
    ['online, opted in, room left', {}, true],
    ['away', { presence: 'away' }, false],
    ['offline', { presence: 'offline' }, false],
    ['opted out of auto-assignment', { autoAssign: false }, false],
    ['one slot left', { openCount: 2, capacity: 3 }, true],
    ['at capacity', { openCount: 3, capacity: 3 }, false],
    ['over capacity (capacity lowered)', { openCount: 5, capacity: 3 }, false],
    ['capacity zero', { openCount: 0, capacity: 0 }, false],
  ])('%s → %s', (_label, over, expected) => {
    expect(isEligible(agent('a', over))).toBe(expected);
  });
});

describe('chooseAgent', () => {
  it.each<[string, Partial<RoutingRequest>, AgentCandidate[], RoutingChoice | null]>([
    // Nobody to give it to.
    ['manual team: never auto-assigned', { strategy: 'manual' }, [agent('a')], null],
    ['manual team ignores a sticky agent too', { strategy: 'manual', stickyAgentId: 'a' }, [agent('a')], null],
    ['no agents at all', {}, [], null],
    [
      'everyone away, offline, opted out or full',
      {},
      [
        agent('a', { presence: 'away' }),
        agent('b', { presence: 'offline' }),
        agent('c', { autoAssign: false }),
        agent('d', { openCount: 3 }),
      ],
      null,
    ],
    ['round robin with nobody eligible', { strategy: 'round_robin' }, [agent('a', { presence: 'offline' })], null],

    // Eligibility beats load.
    [
      'the only eligible agent, however busy',
      {},
      [agent('a', { presence: 'away' }), agent('b', { openCount: 2 }), agent('c', { autoAssign: false })],
      auto('b'),
    ],

    // 1. Language.
    [
      'Spanish customer goes to the Spanish speaker even when busier',
      { language: 'es' },
      [agent('a'), agent('b', { languages: ['en', 'es'], openCount: 2 })],
      auto('b'),
    ],
    [
      'language codes compare case-insensitively',
      { language: 'ES' },
      [agent('a'), agent('b', { languages: ['es'], openCount: 1 })],
      auto('b'),
    ],
    [
      'no eligible speaker: language is ignored',
      { language: 'de' },
      [agent('a', { openCount: 1 }), agent('b')],
      auto('b'),
    ],
    [
      'a speaker who is offline does not count; the customer is not kept waiting',
      { language: 'es' },
      [agent('a', { languages: ['es'], presence: 'offline' }), agent('b', { openCount: 2 }), agent('c', { openCount: 1 })],
      auto('c'),
    ],
    [
      'a full speaker does not count either',
      { language: 'es' },
      [agent('a', { languages: ['es'], openCount: 3 }), agent('b', { openCount: 1 })],
      auto('b'),
    ],
    [
      'among several speakers the least loaded one',
      { language: 'fr' },
      [agent('a'), agent('b', { languages: ['fr'], openCount: 2 }), agent('c', { languages: ['fr'], openCount: 1 })],
      auto('c'),
    ],

    // 2. Skills.
    [
      'the agent with the matching skill',
      { tags: ['billing'] },
      [agent('a'), agent('b', { skills: ['billing'], openCount: 2 })],
      auto('b'),
    ],
    [
      'the agent matching most tags wins over one matching fewer',
      { tags: ['billing', 'refunds', 'vip'] },
      [
        agent('a', { skills: ['billing'] }),
        agent('b', { skills: ['billing', 'refunds'], openCount: 2 }),
        agent('c', { skills: ['shipping'] }),
      ],
      auto('b'),
    ],
    [
      'equal matches: load decides between them',
      { tags: ['billing', 'refunds'] },
      [
        agent('a', { skills: ['billing'], openCount: 2 }),
        agent('b', { skills: ['refunds'], openCount: 1 }),
        agent('c', { openCount: 0 }),
      ],
      auto('b'),
    ],
    [
      'skills and tags compare case-insensitively',
      { tags: ['Billing'] },
      [agent('a'), agent('b', { skills: ['billing'], openCount: 1 })],
      auto('b'),
    ],
    [
      'nobody has the skill: skills are ignored',
      { tags: ['legal'] },
      [agent('a', { skills: ['billing'], openCount: 1 }), agent('b')],
      auto('b'),
    ],
    ['no tags: skills are ignored', {}, [agent('a', { skills: ['billing'], openCount: 1 }), agent('b')], auto('b')],
    [
      'language comes before skills',
      { language: 'es', tags: ['billing'] },
      [agent('a', { skills: ['billing'] }), agent('b', { languages: ['es'], openCount: 2 })],
      auto('b'),
    ],
    [
      'skills choose among the speakers',
      { language: 'es', tags: ['billing'] },
      [
        agent('a', { languages: ['es'] }),
        agent('b', { languages: ['es'], skills: ['billing'], openCount: 2 }),
        agent('c', { skills: ['billing'] }),
      ],
      auto('b'),
    ],

    // 3. Sticky.
    [
      'returning customer goes back to their agent even when busier',
      { stickyAgentId: 'b' },
      [agent('a'), agent('b', { openCount: 2 })],
      sticky('b'),
    ],
    [
      'sticky also under round robin',
      { strategy: 'round_robin', stickyAgentId: 'a', lastAgentId: 'a' },
      [agent('a'), agent('b')],
      sticky('a'),
    ],
    [
      'previous agent offline: routed to someone else at once',
      { stickyAgentId: 'b' },
      [agent('a', { openCount: 1 }), agent('b', { presence: 'offline' }), agent('c', { openCount: 2 })],
      auto('a'),
    ],
    [
      'previous agent away: routed to someone else',
      { stickyAgentId: 'b' },
      [agent('a', { openCount: 1 }), agent('b', { presence: 'away' })],
      auto('a'),
    ],
    ['previous agent full: routed to someone else', { stickyAgentId: 'b' }, [agent('a', { openCount: 2 }), agent('b', { openCount: 3 })], auto('a')],
    [
      "previous agent doesn't speak the language while a colleague does",
      { stickyAgentId: 'a', language: 'es' },
      [agent('a'), agent('b', { languages: ['es'], openCount: 2 })],
      auto('b'),
    ],
    [
      'previous agent lacks the skill another has',
      { stickyAgentId: 'a', tags: ['refunds'] },
      [agent('a'), agent('b', { skills: ['refunds'], openCount: 2 })],
      auto('b'),
    ],
    [
      'previous agent no longer in the team',
      { stickyAgentId: 'z' },
      [agent('a', { openCount: 1 }), agent('b')],
      auto('b'),
    ],

    // 4a. Least loaded.
    ['lowest open count', {}, [agent('a', { openCount: 2 }), agent('b', { openCount: 1 }), agent('c', { openCount: 2 })], auto('b')],
    [
      'load is a count, not a share of capacity',
      {},
      [agent('a', { openCount: 2, capacity: 10 }), agent('b', { openCount: 1, capacity: 2 })],
      auto('b'),
    ],
    [
      'tie: the one never assigned is idle longest',
      {},
      [agent('a', { openCount: 1, lastAssignedAt: at('08:00') }), agent('b', { openCount: 1, lastAssignedAt: null })],
      auto('b'),
    ],
    [
      'tie: the oldest last assignment',
      {},
      [
        agent('a', { openCount: 1, lastAssignedAt: at('09:30') }),
        agent('b', { openCount: 1, lastAssignedAt: at('09:10') }),
        agent('c', { openCount: 1, lastAssignedAt: at('09:20') }),
      ],
      auto('b'),
    ],
    [
      'idle time never beats a lower load',
      {},
      [agent('a', { openCount: 1, lastAssignedAt: null }), agent('b', { openCount: 0, lastAssignedAt: at('09:59') })],
      auto('b'),
    ],
    [
      'full tie: smallest id',
      {},
      [agent('c', { lastAssignedAt: at('09:00') }), agent('a', { lastAssignedAt: at('09:00') }), agent('b', { lastAssignedAt: at('09:00') })],
      auto('a'),
    ],
    ['full tie, never assigned: smallest id', {}, [agent('b'), agent('a')], auto('a')],

    // 4b. Round robin.
    ['round robin, no previous: first by id', { strategy: 'round_robin' }, [agent('c'), agent('a'), agent('b')], auto('a')],
    ['round robin: the next id after the previous', { strategy: 'round_robin', lastAgentId: 'a' }, [agent('c'), agent('a'), agent('b')], auto('b')],
    ['round robin: wraps around after the last id', { strategy: 'round_robin', lastAgentId: 'c' }, [agent('c'), agent('a'), agent('b')], auto('a')],
    [
      'round robin: previous agent gone offline, the next one after them',
      { strategy: 'round_robin', lastAgentId: 'b' },
      [agent('a'), agent('b', { presence: 'offline' }), agent('c')],
      auto('c'),
    ],
    [
      'round robin: previous agent no longer in the team',
      { strategy: 'round_robin', lastAgentId: 'bb' },
      [agent('a'), agent('b'), agent('c')],
      auto('c'),
    ],
    [
      'round robin ignores load',
      { strategy: 'round_robin', lastAgentId: 'a' },
      [agent('a'), agent('b', { openCount: 2 }), agent('c')],
      auto('b'),
    ],
    [
      'round robin skips a full agent',
      { strategy: 'round_robin', lastAgentId: 'a' },
      [agent('a'), agent('b', { openCount: 3 }), agent('c')],
      auto('c'),
    ],
    [
      'round robin within the speakers of the language',
      { strategy: 'round_robin', lastAgentId: 'b', language: 'es' },
      [agent('a', { languages: ['es'] }), agent('b', { languages: ['es'] }), agent('c'), agent('d', { languages: ['es'] })],
      auto('d'),
    ],
    [
      'round robin alone in the team: the same agent again',
      { strategy: 'round_robin', lastAgentId: 'a' },
      [agent('a')],
      auto('a'),
    ],
  ])('%s', (_label, over, candidates, expected) => {
    expect(chooseAgent(request(over), candidates)).toEqual(expected);
  });

  it('does not depend on the order the candidates come in', () => {
    const team = [
      agent('a', { openCount: 1, lastAssignedAt: at('09:00') }),
      agent('b', { openCount: 1, lastAssignedAt: at('08:00') }),
      agent('c', { openCount: 1, lastAssignedAt: null, presence: 'away' }),
      agent('d', { openCount: 2 }),
    ];
    const orders = [team, [...team].reverse(), [team[2], team[0], team[3], team[1]]] as AgentCandidate[][];
    for (const candidates of orders) {
      expect(chooseAgent(request(), candidates)).toEqual(auto('b'));
    }
  });

  it('round robin hands a burst out in turn', () => {
    const team = [agent('a'), agent('b'), agent('c')];
    const handed: string[] = [];
    let lastAgentId: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const choice = chooseAgent(request({ strategy: 'round_robin', lastAgentId }), team);
      lastAgentId = choice?.agentId ?? null;
      handed.push(lastAgentId ?? '-');
    }
    expect(handed).toEqual(['a', 'b', 'c', 'a', 'b']);
  });

  it('does not modify its inputs', () => {
    const team = [agent('b', { openCount: 1 }), agent('a', { openCount: 2 })];
    const copy = structuredClone(team);
    chooseAgent(request({ tags: ['x'], language: 'es' }), team);
    expect(team).toEqual(copy);
  });
});

describe('rankAgents', () => {
  it('lists everyone who could take it, best first, sticky agent ahead', () => {
    const team = [agent('a', { openCount: 2 }), agent('b', { openCount: 0 }), agent('c', { openCount: 1 }), agent('d', { presence: 'away' })];
    expect(rankAgents(request({ stickyAgentId: 'a' }), team)).toEqual([sticky('a'), auto('b'), auto('c')]);
  });

  it('falls back to other languages only after every speaker', () => {
    const team = [agent('en1'), agent('es1', { languages: ['es'], openCount: 2 }), agent('es2', { languages: ['es'], openCount: 1 })];
    expect(rankAgents(request({ language: 'es' }), team).map((c) => c.agentId)).toEqual(['es2', 'es1', 'en1']);
  });

  it('is empty when nobody is eligible', () => {
    expect(rankAgents(request(), [agent('a', { openCount: 3 }), agent('b', { presence: 'offline' })])).toEqual([]);
  });
});

describe('lastAssigned', () => {
  it('names whoever was assigned most recently, or nobody', () => {
    expect(lastAssigned([agent('a', { lastAssignedAt: at('09:00') }), agent('b', { lastAssignedAt: at('10:00') }), agent('c')])).toBe('b');
    expect(lastAssigned([agent('a'), agent('b')])).toBeNull();
  });
});
