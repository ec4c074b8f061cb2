import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ConversationAssignedEvent, SlaBreachedEvent, SyncedEvent, User } from '@rapport/shared';
import { ActivityStore } from '../lib/activity-store';
import { renewSession } from '../lib/api-client';
import { EventSequencer, isSyncAck } from '../lib/event-sequencer';
import { RealtimeContext, type Availability, type ConnectionStatus, type RealtimeApi } from '../lib/realtime-context';
import { loadAvailability, saveAvailability } from '../lib/availability-store';
import { loadAlertsEnabled } from '../lib/alert-preference';
import { createSocket, handshakeToken, type RapportSocket } from '../lib/socket-client';
import { reloadCurrentUser } from '../modules/auth/use-session';
import { createThrottle } from '../lib/throttle';
import { BreachNoticeStore, shouldAnnounceBreach } from '../modules/sla/breach-notices';
import { announceBreach } from '../modules/sla/breach-notifier';
import { SlaBreachNotices } from '../modules/sla/sla-breach-notices';
import { createRoutingRefresher, writeAgentPresence } from '../modules/team/team-cache-writer';
import { canSeeTeam } from '../modules/team/team-permissions';
import { applyServerEvent } from './apply-server-event';
import type { FollowUpDueEvent } from '@rapport/shared';
import { shouldAnnounceFollowUp } from '../modules/follow-ups/follow-up-notices';
import { FollowUpNotices } from '../modules/follow-ups/follow-up-notices-view';
import { announceFollowUp } from '../modules/follow-ups/follow-up-notifier';
import { alertAssignment } from './assignment-alerter';
import { shouldAlertAssignment } from './assignment-alerts';

const SYNC_TIMEOUT_MS = 10_000;
const TYPING_INTERVAL_MS = 3_000;
/** A socket refused for its token renews the session at most this often (a refusal that a new token does not cure must not loop). */
const AUTH_RETRY_MS = 10_000;

function looksLikeAuthError(error: Error): boolean {
  return /unauthori[sz]ed|jwt|token|forbidden/i.test(error.message);
}

interface RealtimeProviderProps {
  user: User;
  children: ReactNode;
}

/** One socket per signed-in session: patches the query cache from live events and resyncs after every reconnect. */
export function RealtimeProvider({ user, children }: RealtimeProviderProps) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [activity] = useState(() => new ActivityStore());
  const [breachNotices] = useState(() => new BreachNoticeStore());
  // The same kind of store: one notice per seq, gone after a while.
  const [followUpNotices] = useState(() => new BreachNoticeStore());
  const [typingGate] = useState(() => createThrottle(TYPING_INTERVAL_MS));
  const socketRef = useRef<RapportSocket | null>(null);
  const viewingRef = useRef<string | null>(null);
  const [availability, setAvailabilityState] = useState<Availability>(loadAvailability);
  const availabilityRef = useRef(availability);
  const userRole = user.role;

  useEffect(() => {
    // The socket reads the current access token at every (re)connect: a renewed token needs no new socket.
    const socket = createSocket();
    socketRef.current = socket;
    let closed = false;
    let lastAuthRetry = 0;
    let authRetryTimer: number | undefined;
    // Agents and teams are supervisor data: agents never load them, so there is nothing to refresh.
    const refreshRouting = canSeeTeam({ role: userRole }) ? createRoutingRefresher(queryClient) : null;
    // Breaches up to this seq happened before the page loaded (the first sync replays the log from 0): not news.
    let announceAfterSeq: number | null = null;
    const effects = {
      onSlaBreached: (event: SlaBreachedEvent) => {
        // Until a sync answers, only live events (none is being replayed) are news.
        const after = announceAfterSeq ?? (sequencer.syncing ? null : 0);
        if (shouldAnnounceBreach(event, { id: user.id, role: userRole }, after)) announceBreach(queryClient, breachNotices, event);
      },
      onFollowUpDue: (event: FollowUpDueEvent) => {
        if (shouldAnnounceFollowUp(event, user.id, announceAfterSeq ?? (sequencer.syncing ? null : 0))) announceFollowUp(queryClient, followUpNotices, event);
      },
      onAssigned: (event: ConversationAssignedEvent) => {
        const alert = shouldAlertAssignment(event, {
          userId: user.id,
          enabled: loadAlertsEnabled(),
          pageHidden: document.visibilityState === 'hidden',
          openConversationId: viewingRef.current,
          baselineSeq: announceAfterSeq ?? (sequencer.syncing ? null : 0),
        });
        if (alert) alertAssignment(event.conversation);
      },
    };
    const sequencer = new EventSequencer({
      apply: (event) => {
        applyServerEvent(queryClient, event, user.id, effects);
        if (event.type === 'message.created' && event.payload.message.authorId) {
          activity.stopTyping(event.payload.conversationId, event.payload.message.authorId);
        }
        if (event.type.startsWith('conversation.')) refreshRouting?.();
      },
      // Too much was missed to patch: let every query fetch fresh data.
      resync: () => void queryClient.invalidateQueries(),
    });
    const live = (event: SyncedEvent) => sequencer.receiveLive(event);

    const sync = () => {
      const { syncId, sinceSeq } = sequencer.beginSync();
      socket.timeout(SYNC_TIMEOUT_MS).emit('sync', { sinceSeq }, (error, ack: unknown) => {
        if (!error && isSyncAck(ack)) {
          announceAfterSeq ??= ack.latestSeq;
          sequencer.completeSync(syncId, ack);
        } else sequencer.failSync(syncId);
      });
    };

    socket.on('connect', () => {
      setStatus('connected');
      sync();
      // Rooms do not survive a reconnect; tell the server again which thread is open.
      if (viewingRef.current) socket.emit('view', { conversationId: viewingRef.current });
      // The server routes work only to available agents: say which we are after every (re)connect.
      socket.emit('presence', { status: availabilityRef.current });
      // Presence is not replayed by sync: whatever changed while we were away is only in a fresh list.
      refreshRouting?.();
    });
    socket.on('disconnect', (reason) => {
      setStatus('reconnecting');
      // socket.io does not retry after the server closed the socket on purpose (a restart, or our access changed:
      // a new role, a deactivation). Read who we are first: a new role re-renders the app, a deactivation signs out.
      if (reason === 'io server disconnect') {
        void reloadCurrentUser()
          .catch(() => undefined)
          .finally(() => {
            if (!closed && !socket.connected) socket.connect();
          });
      }
    });
    socket.on('connect_error', (error) => {
      setStatus(socket.active ? 'reconnecting' : 'offline');
      // A refused token: renew it (or end the session when that is refused, see api-client) and connect again.
      if (!looksLikeAuthError(error) || authRetryTimer !== undefined) return;
      authRetryTimer = window.setTimeout(
        () => {
          authRetryTimer = undefined;
          lastAuthRetry = Date.now();
          void renewSession(handshakeToken(socket)).then((renewed) => {
            if (renewed && !closed && !socket.connected) socket.connect();
          });
        },
        Math.max(0, lastAuthRetry + AUTH_RETRY_MS - Date.now()),
      );
    });

    socket.on('conversation.created', (payload) => live({ seq: payload.seq, type: 'conversation.created', payload }));
    socket.on('conversation.updated', (payload) => live({ seq: payload.seq, type: 'conversation.updated', payload }));
    socket.on('conversation.assigned', (payload) => live({ seq: payload.seq, type: 'conversation.assigned', payload }));
    socket.on('message.created', (payload) => live({ seq: payload.seq, type: 'message.created', payload }));
    socket.on('message.updated', (payload) => live({ seq: payload.seq, type: 'message.updated', payload }));
    socket.on('sla.breached', (payload) => live({ seq: payload.seq, type: 'sla.breached', payload }));
    socket.on('customer.updated', (payload) => live({ seq: payload.seq, type: 'customer.updated', payload }));
    socket.on('followup.due', (payload) => live({ seq: payload.seq, type: 'followup.due', payload }));
    socket.on('conversation.typing', (event) => {
      if (event.userId !== user.id) activity.onTyping(event);
    });
    socket.on('conversation.viewers', (event) => activity.onViewers(event));
    socket.on('agent.presence', (event) => writeAgentPresence(queryClient, event));

    return () => {
      closed = true;
      window.clearTimeout(authRetryTimer);
      refreshRouting?.cancel();
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
      activity.reset();
      breachNotices.reset();
      followUpNotices.reset();
    };
  }, [user.id, userRole, queryClient, activity, breachNotices, followUpNotices]);

  const setViewing = useCallback((conversationId: string | null) => {
    viewingRef.current = conversationId;
    const socket = socketRef.current;
    if (socket?.connected) socket.emit('view', { conversationId });
  }, []);

  const notifyTyping = useCallback(
    (conversationId: string) => {
      const socket = socketRef.current;
      if (socket?.connected && typingGate()) socket.emit('typing', { conversationId });
    },
    [typingGate],
  );

  const setAvailability = useCallback((next: Availability) => {
    availabilityRef.current = next;
    setAvailabilityState(next);
    saveAvailability(next);
    const socket = socketRef.current;
    if (socket?.connected) socket.emit('presence', { status: next });
  }, []);

  const api = useMemo<RealtimeApi>(
    () => ({ status, activity, setViewing, notifyTyping, availability, setAvailability }),
    [status, activity, setViewing, notifyTyping, availability, setAvailability],
  );

  return (
    <RealtimeContext.Provider value={api}>
      {children}
      <SlaBreachNotices store={breachNotices} />
      <FollowUpNotices store={followUpNotices} />
    </RealtimeContext.Provider>
  );
}
