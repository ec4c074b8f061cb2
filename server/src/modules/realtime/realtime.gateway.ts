import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, PresenceStatus, ServerToClientEvents, SyncAck } from '@rapport/shared';
import { AccessChanges } from '../auth/access-changes.service.js';
import { AuthService } from '../auth/auth.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { canViewConversation } from '../conversations/domain/access.js';
import { rooms, roomsOf } from '../events/audience.js';
import { EphemeralEvents } from '../events/ephemeral-events.js';
import { EventLog } from '../events/event-log.js';
import { QueueService } from '../../core/queue.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { EventRelay } from './event-relay.service.js';
import { PresenceService } from './presence.service.js';
import { ViewersService } from './viewers.service.js';

interface SocketData {
  user: AuthUser;
  viewing: string | null;
  lastTypingAt: number;
}

type RapportSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPING_MIN_INTERVAL_MS = 1000;
const HEARTBEAT_MS = 30_000;

/**
 * socket.io on the HTTP port: authenticates with `auth.token`, places each socket in its rooms, answers sync.
 * Which origins may connect is the adapter's (OriginCheckingIoAdapter, from CORS_ORIGIN).
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeGateway.name);
  private heartbeatTimer: NodeJS.Timeout | null = null;

  @WebSocketServer()
  server: Server;

  constructor(
    private readonly auth: AuthService,
    private readonly accessChanges: AccessChanges,
    private readonly log: EventLog,
    private readonly relay: EventRelay,
    private readonly ephemeral: EphemeralEvents,
    private readonly presence: PresenceService,
    private readonly viewers: ViewersService,
    private readonly conversations: ConversationsRepository,
    private readonly queues: QueueService,
    private readonly metrics: MetricsService,
  ) {}

  async afterInit(server: Server): Promise<void> {
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      void this.auth
        .authenticate(typeof token === 'string' ? token : undefined)
        .then((user) => {
          if (!user) return next(new Error('unauthorized: a valid token is required in auth.token'));
          Object.assign(socket.data as SocketData, { user, viewing: null, lastTypingAt: 0 });
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
    await this.relay.start(server);
    // Deactivated or given another role: their sockets close now; a reconnect is authenticated afresh
    // (refused, or joined to the rooms of the new role).
    await this.accessChanges.listen((userId) => server.in(rooms.user(userId)).disconnectSockets(true));
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    this.heartbeatTimer.unref();
  }

  async handleConnection(socket: RapportSocket): Promise<void> {
    this.metrics.socketConnections.inc();
    const { user } = socket.data;
    if (!user) return;
    await socket.join(roomsOf(user));
    socket.emit('ready', { userId: user.id, latestSeq: this.relay.currentSeq });
    const cameOnline = await this.presence.connected(user.id, socket.id);
    // Another tab of someone already connected changes nothing the team sees.
    if (!cameOnline) return;
    const status = (await this.presence.statusOf([user.id])).get(user.id) ?? 'online';
    await this.announcePresence(user, status);
    // Someone who just came online can take work from their teams' queues.
    if (status === 'online') await this.queues.addRouting({ type: 'drain-agent', userId: user.id });
  }

  async handleDisconnect(socket: RapportSocket): Promise<void> {
    this.metrics.socketConnections.dec();
    const { user, viewing } = socket.data;
    if (!user) return;
    try {
      if (viewing) await this.publishViewers(viewing, await this.viewers.remove(viewing, socket.id));
      const since = await this.presence.disconnected(user.id, socket.id);
      if (since !== null) {
        // Away (no new work, keeps their own) for the grace period; the router decides after it whether they are gone.
        await this.announcePresence(user, 'away');
        await this.queues.addRouting({ type: 'agent-offline', userId: user.id, since }, this.presence.graceMs);
      }
    } catch (err) {
      // Sockets also close while the server shuts down, after Redis is gone.
      this.logger.debug(`disconnect bookkeeping skipped: ${String(err)}`);
    }
  }

  @SubscribeMessage('sync')
  async sync(@ConnectedSocket() socket: RapportSocket, @MessageBody() body: unknown): Promise<SyncAck | { error: string }> {
    const sinceSeq = Number((body as { sinceSeq?: unknown } | null)?.sinceSeq ?? 0);
    if (!Number.isInteger(sinceSeq) || sinceSeq < 0) return { error: 'sinceSeq must be a whole number ≥ 0' };
    return this.log.missedBy(socket.data.user, sinceSeq);
  }

  @SubscribeMessage('view')
  async view(@ConnectedSocket() socket: RapportSocket, @MessageBody() body: unknown): Promise<{ ok: boolean; error?: string }> {
    const conversationId = (body as { conversationId?: unknown } | null)?.conversationId ?? null;
    const { user, viewing } = socket.data;
    if (conversationId !== null && (typeof conversationId !== 'string' || !UUID.test(conversationId))) return { ok: false, error: 'conversationId must be an id or null' };
    if (viewing === conversationId) return { ok: true };
    if (conversationId && !(await this.mayView(user, conversationId))) return { ok: false, error: 'no such conversation' };
    if (viewing) {
      await socket.leave(rooms.conversation(viewing));
      await this.publishViewers(viewing, await this.viewers.remove(viewing, socket.id));
    }
    socket.data.viewing = conversationId;
    if (conversationId) {
      await socket.join(rooms.conversation(conversationId));
      await this.publishViewers(conversationId, await this.viewers.add(conversationId, socket.id, { userId: user.id, name: user.name }));
    }
    return { ok: true };
  }

  @SubscribeMessage('typing')
  async typing(@ConnectedSocket() socket: RapportSocket, @MessageBody() body: unknown): Promise<void> {
    const conversationId = (body as { conversationId?: unknown } | null)?.conversationId;
    const { user } = socket.data;
    if (typeof conversationId !== 'string' || !UUID.test(conversationId)) return;
    const now = Date.now();
    if (now - socket.data.lastTypingAt < TYPING_MIN_INTERVAL_MS) return;
    socket.data.lastTypingAt = now;
    if (socket.data.viewing !== conversationId && !(await this.mayView(user, conversationId))) return;
    await this.ephemeral.broadcast([rooms.conversation(conversationId), rooms.allTeams], 'conversation.typing', { conversationId, userId: user.id, name: user.name });
  }

  @SubscribeMessage('presence')
  async setPresence(@ConnectedSocket() socket: RapportSocket, @MessageBody() body: unknown): Promise<{ ok: boolean }> {
    const status = (body as { status?: unknown } | null)?.status;
    if (status !== 'online' && status !== 'away') return { ok: false };
    await this.presence.choose(socket.data.user.id, status);
    await this.announcePresence(socket.data.user, status);
    if (status === 'online') await this.queues.addRouting({ type: 'drain-agent', userId: socket.data.user.id });
    return { ok: true };
  }

  private async mayView(user: AuthUser, conversationId: string): Promise<boolean> {
    const conversation = await this.conversations.ownership(conversationId);
    return conversation !== null && canViewConversation(user, conversation);
  }

  private async publishViewers(conversationId: string, viewers: Array<{ userId: string; name: string }>): Promise<void> {
    await this.ephemeral.broadcast([rooms.conversation(conversationId), rooms.allTeams], 'conversation.viewers', { conversationId, viewers });
  }

  private announcePresence(user: AuthUser, status: PresenceStatus): Promise<void> {
    return this.ephemeral.announcePresence(user.id, user.teamIds, status);
  }

  /** Keeps this process's sockets marked alive in Redis (see SOCKET_STALE_MS). */
  private async heartbeat(): Promise<void> {
    const sockets = [...this.server.sockets.sockets].flatMap(([socketId, socket]) => {
      const user = (socket.data as Partial<SocketData>).user;
      return user ? [{ userId: user.id, socketId }] : [];
    });
    await this.presence.heartbeat(sockets).catch((err: unknown) => this.logger.warn(`presence heartbeat failed: ${String(err)}`));
  }

  onModuleDestroy(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
  }
}
