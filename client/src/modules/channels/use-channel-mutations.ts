import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Channel, CreateChannelBody, UpdateChannelBody } from '@rapport/shared';
import { teamKeys } from '../team/query-keys';
import { createChannel, deleteChannel, updateChannel } from './channels-api';
import { patchChannel, removeChannel, restoreChannel, upsertChannel } from './channels-cache';
import { channelKeys } from './query-keys';

/** A team's channelIds follow the channels' teams: let the Team view fetch them again. */
function refreshTeams(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: teamKeys.teams });
}

/** Not optimistic: the server validates the config and gives the id. */
export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation<Channel, Error, CreateChannelBody>({
    mutationKey: channelKeys.edits,
    mutationFn: createChannel,
    onSuccess: (saved) => {
      queryClient.setQueryData<Channel[]>(channelKeys.all, (channels) => upsertChannel(channels, saved));
      refreshTeams(queryClient);
    },
  });
}

export interface ChannelChange {
  channel: Channel;
  patch: UpdateChannelBody;
}

/** Shows the change at once; puts the channel back as it was if the server refuses. */
export function useUpdateChannel() {
  const queryClient = useQueryClient();
  return useMutation<Channel, Error, ChannelChange, { previous: Channel | undefined }>({
    mutationKey: channelKeys.edits,
    mutationFn: ({ channel, patch }) => updateChannel(channel.id, patch),
    onMutate: async ({ channel, patch }) => {
      // A refetch landing now would overwrite the optimistic value with the old one.
      await queryClient.cancelQueries({ queryKey: channelKeys.all });
      const previous = queryClient.getQueryData<Channel[]>(channelKeys.all)?.find((c) => c.id === channel.id);
      queryClient.setQueryData<Channel[]>(channelKeys.all, (channels) => upsertChannel(channels, patchChannel(previous ?? channel, patch)));
      return { previous };
    },
    onError: (_error, _change, context) => {
      const previous = context?.previous;
      if (previous) queryClient.setQueryData<Channel[]>(channelKeys.all, (channels) => upsertChannel(channels, previous));
    },
    onSuccess: (saved, { patch }) => {
      queryClient.setQueryData<Channel[]>(channelKeys.all, (channels) => upsertChannel(channels, saved));
      if (patch.teamId !== undefined) refreshTeams(queryClient);
    },
  });
}

/** Removes the row at once; puts it back where it was if the server refuses. */
export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation<void, Error, Channel, { previous: Channel | undefined; index: number }>({
    mutationKey: channelKeys.edits,
    mutationFn: (channel) => deleteChannel(channel.id),
    onMutate: async (channel) => {
      await queryClient.cancelQueries({ queryKey: channelKeys.all });
      const channels = queryClient.getQueryData<Channel[]>(channelKeys.all);
      const index = channels?.findIndex((c) => c.id === channel.id) ?? -1;
      queryClient.setQueryData<Channel[]>(channelKeys.all, (list) => removeChannel(list, channel.id));
      return { previous: index === -1 ? undefined : channels?.[index], index };
    },
    onError: (_error, _channel, context) => {
      const previous = context?.previous;
      if (previous) queryClient.setQueryData<Channel[]>(channelKeys.all, (channels) => restoreChannel(channels, previous, context.index));
    },
    onSuccess: () => refreshTeams(queryClient),
  });
}
