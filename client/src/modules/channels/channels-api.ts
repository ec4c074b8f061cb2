import type { Channel, CreateChannelBody, UpdateChannelBody } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function fetchChannels(signal?: AbortSignal): Promise<Channel[]> {
  return apiRequest<Channel[]>('/channels', { signal });
}

export function createChannel(body: CreateChannelBody): Promise<Channel> {
  return apiRequest<Channel>('/channels', { method: 'POST', body });
}

export function updateChannel(id: string, body: UpdateChannelBody): Promise<Channel> {
  return apiRequest<Channel>(`/channels/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteChannel(id: string): Promise<void> {
  return apiRequest<void>(`/channels/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
