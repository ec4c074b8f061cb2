import { describe, expect, it } from '@jest/globals';
import { matchPolicy, type PolicyCriteria } from './match-policy.js';

const policy = (name: string, criteria: Partial<PolicyCriteria>, createdAt = '2026-01-01T00:00:00Z') => ({
  name,
  teamId: null,
  channelKind: null,
  priority: null,
  ...criteria,
  createdAt: new Date(createdAt),
});

const policies = [
  policy('default', {}),
  policy('care team', { teamId: 'care' }),
  policy('whatsapp', { channelKind: 'whatsapp' }),
  policy('care on whatsapp', { teamId: 'care', channelKind: 'whatsapp' }),
  policy('urgent', { priority: 'urgent' }),
];

describe('matchPolicy', () => {
  it.each([
    ['falls back to the policy without criteria', { teamId: 'sales', channelKind: 'x', priority: 'normal' }, 'default'],
    ['prefers the team’s policy to the default', { teamId: 'care', channelKind: 'x', priority: 'normal' }, 'care team'],
    ['prefers a channel policy to a team policy', { teamId: 'sales', channelKind: 'whatsapp', priority: 'low' }, 'whatsapp'],
    ['prefers team and channel to either alone', { teamId: 'care', channelKind: 'whatsapp', priority: 'normal' }, 'care on whatsapp'],
    ['gives urgent conversations their own policy above every other', { teamId: 'care', channelKind: 'whatsapp', priority: 'urgent' }, 'urgent'],
  ] as const)('%s', (_why, conversation, expected) => {
    expect(matchPolicy(policies, conversation)?.name).toBe(expected);
  });

  it('takes the oldest of two equally specific policies, and none when nothing matches', () => {
    const twins = [policy('newer', { teamId: 'care' }, '2026-02-01T00:00:00Z'), policy('older', { teamId: 'care' }, '2026-01-01T00:00:00Z')];
    expect(matchPolicy(twins, { teamId: 'care', channelKind: 'api', priority: 'normal' })?.name).toBe('older');
    expect(matchPolicy(twins, { teamId: 'sales', channelKind: 'api', priority: 'normal' })).toBeNull();
  });
});
