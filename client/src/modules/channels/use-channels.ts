import { useQuery } from '@tanstack/react-query';
import { useCurrentUser } from '../auth/use-session';
import { canSeeChannels } from './channel-permissions';
import { fetchChannels } from './channels-api';
import { sortChannels } from './channels-cache';
import { channelKeys } from './query-keys';

/** The configured channels, oldest first (stable). Only supervisors may list them, so nothing is asked for agents. */
export function useChannels() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: channelKeys.all,
    queryFn: async ({ signal }) => sortChannels(await fetchChannels(signal)),
    enabled: canSeeChannels(user),
  });
}
