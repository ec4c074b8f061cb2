import { createContext, useContext, useSyncExternalStore } from 'react';
import { ActivityStore, type AgentRef } from './activity-store';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** The agent's own choice: available for new conversations, or away (keeps their work, gets none). */
export type Availability = 'online' | 'away';

export interface RealtimeApi {
  status: ConnectionStatus;
  /** Tells the server which thread this agent has open (null: none), so others see who is looking. */
  setViewing: (conversationId: string | null) => void;
  /** Call on every keystroke; only one notice per few seconds goes out. */
  notifyTyping: (conversationId: string) => void;
  activity: ActivityStore;
  availability: Availability;
  setAvailability: (availability: Availability) => void;
}

const fallbackActivity = new ActivityStore();

/** Lets components render without a live connection (e.g. before the provider mounts). */
const offlineApi: RealtimeApi = {
  status: 'offline',
  setViewing: () => undefined,
  notifyTyping: () => undefined,
  activity: fallbackActivity,
  availability: 'online',
  setAvailability: () => undefined,
};

export const RealtimeContext = createContext<RealtimeApi>(offlineApi);

export function useRealtime(): RealtimeApi {
  return useContext(RealtimeContext);
}

export function useTypingAgents(conversationId: string): readonly AgentRef[] {
  const { activity } = useRealtime();
  return useSyncExternalStore(activity.subscribe, () => activity.getTyping(conversationId));
}

export function useViewers(conversationId: string): readonly AgentRef[] {
  const { activity } = useRealtime();
  return useSyncExternalStore(activity.subscribe, () => activity.getViewers(conversationId));
}
