import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@rapport/shared';

export type RapportSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Same origin as the page; the dev server proxies /socket.io to the API. */
export function createSocket(token: string): RapportSocket {
  return io({
    auth: { token },
    // WebSocket first: with several server processes behind a balancer, long-polling needs sticky sessions.
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
}
