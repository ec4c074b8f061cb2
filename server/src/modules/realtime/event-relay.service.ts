import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Server } from 'socket.io';
import { RedisService } from '../../core/redis.service.js';
import type { PresenceStatus } from '@rapport/shared';
import { audienceRooms, rooms, type Audience } from './audience.js';
import { EventsService } from './events.service.js';

const SAFETY_POLL_MS = 1000;
const BATCH = 500;

interface EphemeralMessage {
  rooms: string[];
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Delivers the event log to this process's sockets, strictly in seq order. New commits are announced
 * on Redis; a slow poll covers a lost announcement. Ephemeral events (typing, viewers, presence) travel
 * on their own Redis channel so every process can reach its own sockets.
 */
@Injectable()
export class EventRelay implements OnModuleDestroy {
  private readonly logger = new Logger(EventRelay.name);
  private server: Server | null = null;
  private lastSeq = 0;
  private pumping = false;
  private pumpAgain = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly events: EventsService,
    private readonly redis: RedisService,
  ) {}

  get ephemeralChannel(): string {
    return this.redis.key('ephemeral');
  }

  /** The newest seq this process has delivered. */
  get currentSeq(): number {
    return this.lastSeq;
  }

  async start(server: Server): Promise<void> {
    this.server = server;
    this.lastSeq = await this.events.latestSeq();
    const subscriber = this.redis.subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.events.notifyChannel) void this.pump();
      else if (channel === this.ephemeralChannel) this.deliverEphemeral(message);
    });
    await subscriber.subscribe(this.events.notifyChannel, this.ephemeralChannel);
    this.timer = setInterval(() => void this.pump(), SAFETY_POLL_MS);
  }

  /** Sends an ephemeral event to rooms on every server process. */
  async broadcast(rooms: string[], type: string, payload: Record<string, unknown>): Promise<void> {
    // A worker process has no relay running: it reads the current seq instead.
    const seq = this.server ? this.lastSeq : await this.events.latestSeq();
    const message: EphemeralMessage = { rooms, type, payload: { ...payload, seq } };
    await this.redis.client.publish(this.ephemeralChannel, JSON.stringify(message));
  }

  /** Tells supervisors and the user's teams that their presence changed (works from any process). */
  async announcePresence(userId: string, teamIds: string[], status: PresenceStatus): Promise<void> {
    await this.broadcast([rooms.supervisors, ...teamIds.map(rooms.team)], 'agent.presence', { userId, status }).catch((err: unknown) =>
      this.logger.warn(`presence broadcast failed: ${String(err)}`),
    );
  }

  emitTo(audience: Audience, type: string, payload: Record<string, unknown>): void {
    this.server?.to(audienceRooms(audience)).emit(type, payload);
  }

  private deliverEphemeral(raw: string): void {
    const message = JSON.parse(raw) as EphemeralMessage;
    this.server?.to(message.rooms).emit(message.type, message.payload);
  }

  private async pump(): Promise<void> {
    if (!this.server) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        const batch = await this.events.after(this.lastSeq, BATCH);
        for (const event of batch) {
          this.emitTo(event.audience, event.type, { ...event.payload, seq: event.seq });
          this.lastSeq = event.seq;
        }
        if (batch.length === BATCH) this.pumpAgain = true;
      } while (this.pumpAgain);
    } catch (err) {
      this.logger.warn(`relay pump failed, will retry: ${String(err)}`);
    } finally {
      this.pumping = false;
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.server = null;
  }
}
