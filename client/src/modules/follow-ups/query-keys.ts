import type { FollowUpScope } from './follow-ups-api';

export const followUpKeys = {
  all: ['follow-ups'] as const,
  list: (scope: FollowUpScope) => ['follow-ups', scope] as const,
};
