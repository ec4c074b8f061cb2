import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateSlaPolicyBody, SlaPolicy, UpdateSlaPolicyBody } from '@rapport/shared';
import { createSlaPolicy, deleteSlaPolicy, updateSlaPolicy } from './sla-api';
import { slaKeys } from './query-keys';

/** Writes are not optimistic: the server judges scope (a lead's teams) and thresholds, and its reason is shown. */
export function useSlaPolicyMutations() {
  const queryClient = useQueryClient();
  const setList = (update: (list: SlaPolicy[]) => SlaPolicy[]) => queryClient.setQueryData<SlaPolicy[]>(slaKeys.policies, (list) => (list ? update(list) : list));

  const create = useMutation({
    mutationFn: (body: CreateSlaPolicyBody) => createSlaPolicy(body),
    onSuccess: (saved) => setList((list) => [...list.filter((p) => p.id !== saved.id), saved]),
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateSlaPolicyBody }) => updateSlaPolicy(id, body),
    onSuccess: (saved) => setList((list) => list.map((p) => (p.id === saved.id ? saved : p))),
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteSlaPolicy(id),
    onSuccess: (_nothing, id) => setList((list) => list.filter((p) => p.id !== id)),
  });
  return { create, update, remove };
}
