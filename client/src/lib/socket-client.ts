import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@rapport/shared';
import { getAccessToken } from './session-store';

export type RapportSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The token each socket last offered the server, so a refusal can renew exactly that one. */
const offered = new WeakMap<RapportSocket, string | null>();

export function handshakeToken(socket: RapportSocket): string | null {
  return offered.get(socket) ?? null;
}

/**
 * Same origin as the page; the dev server proxies /socket.io to the API. The token is read at every
 * (re)connect, so a reconnect after the access token was renewed uses the new one.
 */
export function createSocket(): RapportSocket {
  const socket: RapportSocket = io({
    auth: (send) => {
      const token = getAccessToken();
      offered.set(socket, token);
      send({ token: token ?? '' });
    },
    // WebSocket first: with several server processes behind a balancer, long-polling needs sticky sessions.
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  return socket;
}
