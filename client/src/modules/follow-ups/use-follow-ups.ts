import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateFollowUpBody } from '@rapport/shared';
import { cancelFollowUp, createFollowUp, fetchFollowUps, type FollowUpScope } from './follow-ups-api';
import { followUpKeys } from './query-keys';

/** Due and upcoming follow-ups, soonest first; `followup.due` and every change here refresh them. */
export function useFollowUps(scope: FollowUpScope) {
  return useQuery({ queryKey: followUpKeys.list(scope), queryFn: ({ signal }) => fetchFollowUps(scope, signal) });
}

export function useCreateFollowUp(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFollowUpBody) => createFollowUp(conversationId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: followUpKeys.all }),
  });
}

export function useCancelFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => cancelFollowUp(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: followUpKeys.all }),
  });
}
