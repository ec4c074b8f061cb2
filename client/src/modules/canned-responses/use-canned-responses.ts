import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateCannedResponseBody, UpdateCannedResponseBody } from '@rapport/shared';
import { createCannedResponse, deleteCannedResponse, fetchCannedResponses, updateCannedResponse } from './canned-responses-api';
import { cannedKeys } from './query-keys';

/** Canned replies change rarely; the composer searches this list locally on every keystroke. */
const CANNED_STALE_MS = 5 * 60_000;

/** The replies a conversation of `teamId` may use: that team's and the ones for every team. */
export function useCannedResponses(teamId: string | null, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: cannedKeys.list(teamId),
    queryFn: ({ signal }) => fetchCannedResponses({ teamId: teamId ?? undefined }, signal),
    staleTime: CANNED_STALE_MS,
    enabled: options.enabled ?? true,
  });
}

/** Every reply the user may read, searched on the server by shortcut and title. */
export function useCannedResponseSearch(q: string) {
  return useQuery({
    queryKey: cannedKeys.list(null, q),
    queryFn: ({ signal }) => fetchCannedResponses({ q: q || undefined }, signal),
    staleTime: CANNED_STALE_MS,
    placeholderData: keepPreviousData,
  });
}

/** Not optimistic: the server judges scope and shortcut clashes, and its reason is shown. Every cached list is refetched after. */
export function useCannedResponseMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: cannedKeys.all });
  const create = useMutation({ mutationFn: (body: CreateCannedResponseBody) => createCannedResponse(body), onSuccess: refresh });
  const update = useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateCannedResponseBody }) => updateCannedResponse(id, body), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (id: string) => deleteCannedResponse(id), onSuccess: refresh });
  return { create, update, remove };
}
