import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Server } from 'socket.io';
import { RedisService } from '../../core/redis.service.js';
import { audienceRooms } from '../events/audience.js';
import { EphemeralEvents, type EphemeralMessage } from '../events/ephemeral-events.js';
import { EventLog } from '../events/event-log.js';

const SAFETY_POLL_MS = 1000;
const BATCH = 500;

/**
 * Delivers the event log to this process's sockets, strictly in seq order and only up to the log's
 * stable seq (below it nothing can still commit). New commits are announced on Redis; a slow poll covers
 * a lost announcement. Ephemeral events arrive on their own Redis channel.
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
    private readonly log: EventLog,
    private readonly ephemeral: EphemeralEvents,
    private readonly redis: RedisService,
  ) {}

  /** The newest seq this process has delivered. */
  get currentSeq(): number {
    return this.lastSeq;
  }

  async start(server: Server): Promise<void> {
    this.server = server;
    this.lastSeq = await this.log.stableSeq();
    this.ephemeral.stampWith(() => this.lastSeq);
    const subscriber = this.redis.subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.log.notifyChannel) void this.pump();
      else if (channel === this.ephemeral.channel) this.deliverEphemeral(message);
    });
    await subscriber.subscribe(this.log.notifyChannel, this.ephemeral.channel);
    this.timer = setInterval(() => void this.pump(), SAFETY_POLL_MS);
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
        const stable = await this.log.stableSeq();
        for (;;) {
          const batch = await this.log.between(this.lastSeq, stable, BATCH);
          for (const event of batch) {
            this.server?.to(audienceRooms(event.audience)).emit(event.type, { ...event.payload, seq: event.seq });
            this.lastSeq = event.seq;
          }
          if (batch.length < BATCH) break;
        }
        // Everything up to `stable` is delivered, including seqs that were rolled back.
        this.lastSeq = Math.max(this.lastSeq, stable);
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
