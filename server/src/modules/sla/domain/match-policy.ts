import type { ChannelKind, Priority } from '@rapport/shared';

export interface PolicyCriteria {
  teamId: string | null;
  channelKind: ChannelKind | null;
  priority: Priority | null;
  createdAt: Date;
}

export interface ConversationTraits {
  teamId: string | null;
  channelKind: ChannelKind;
  priority: Priority;
}

/** How specific a policy is: priority counts most, then channel kind, then team, so every pair compares. */
const specificity = (p: PolicyCriteria): number => (p.priority ? 4 : 0) + (p.channelKind ? 2 : 0) + (p.teamId ? 1 : 0);

const matches = (p: PolicyCriteria, c: ConversationTraits): boolean =>
  (p.teamId === null || p.teamId === c.teamId) && (p.channelKind === null || p.channelKind === c.channelKind) && (p.priority === null || p.priority === c.priority);

/** The policy that applies to a conversation: the most specific of those that match; of equals, the oldest. */
export function matchPolicy<P extends PolicyCriteria>(policies: P[], conversation: ConversationTraits): P | null {
  let best: P | null = null;
  for (const policy of policies) {
    if (!matches(policy, conversation)) continue;
    if (!best || specificity(policy) > specificity(best) || (specificity(policy) === specificity(best) && policy.createdAt < best.createdAt)) best = policy;
  }
  return best;
}
