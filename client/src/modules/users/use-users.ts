import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CreateUserBody, UpdateUserBody, UserAccount } from '@rapport/shared';
import { authKeys } from '../auth/query-keys';
import { teamKeys } from '../team/query-keys';
import { createUser, fetchUsers, updateUser } from './users-api';
import { userKeys } from './query-keys';

export function useUsers() {
  return useQuery({ queryKey: userKeys.all, queryFn: ({ signal }) => fetchUsers(signal) });
}

const upsert = (list: UserAccount[] | undefined, saved: UserAccount): UserAccount[] | undefined =>
  list && (list.some((u) => u.id === saved.id) ? list.map((u) => (u.id === saved.id ? saved : u)) : [...list, saved]);

/** Names, roles and who is active show in the team view and the directory too. */
function refreshElsewhere(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: teamKeys.agents });
  void queryClient.invalidateQueries({ queryKey: authKeys.directory });
}

/** Not optimistic: the server may refuse (the last admin, yourself) and says why. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation<UserAccount, Error, { id: string; body: UpdateUserBody }>({
    mutationFn: ({ id, body }) => updateUser(id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData<UserAccount[]>(userKeys.all, (list) => upsert(list, saved));
      refreshElsewhere(queryClient);
    },
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation<UserAccount, Error, CreateUserBody>({
    mutationFn: createUser,
    onSuccess: (saved) => {
      queryClient.setQueryData<UserAccount[]>(userKeys.all, (list) => upsert(list, saved));
      refreshElsewhere(queryClient);
    },
  });
}
