import type { QueryClient } from '@tanstack/react-query';
import type { Conversation } from '@rapport/shared';
import { applyToTeamList } from './team-conversations-cache';
import { teamKeys, type TeamListOwner } from './query-keys';

/** Patches every cached Team view list (the waiting queue, each expanded agent) with a new version of a conversation. */
export function writeConversationToTeamLists(queryClient: QueryClient, conversation: Conversation): void {
  for (const [key, data] of queryClient.getQueriesData<Conversation[]>({ queryKey: teamKeys.conversationsAll })) {
    const owner = key[1];
    if (typeof owner !== 'string') continue;
    const next = applyToTeamList(data, conversation, owner as TeamListOwner);
    if (next !== data) queryClient.setQueryData(key, next);
  }
}
