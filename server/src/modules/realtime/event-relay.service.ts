import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Server } from 'socket.io';
import { RedisService } from '../../core/redis.service.js';
import { audienceRooms } from '../events/audience.js';
import { EphemeralEvents, type EphemeralMessage } from '../events/ephemeral-events.js';
import { EventLog } from '../events/event-log.js';
import { MetricsService } from '../metrics/metrics.service.js';

const SAFETY_POLL_MS = 1000;
const BATCH = 500;
/** Announcements kept for the lag figure while the relay cannot deliver (the oldest are dropped beyond it). */
const MAX_PENDING_ANNOUNCEMENTS = 10_000;

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
  /** Arrival times of commit announcements whose events are not yet emitted: the relay lag starts there. */
  private announcements: number[] = [];

  constructor(
    private readonly log: EventLog,
    private readonly ephemeral: EphemeralEvents,
    private readonly redis: RedisService,
    private readonly metrics: MetricsService,
  ) {}

  /** The newest seq this process has delivered. */
  get currentSeq(): number {
    return this.lastSeq;
  }

  async start(server: Server): Promise<void> {
    this.server = server;
    this.lastSeq = await this.log.stableSeq();
    this.ephemeral.stampWith(() => this.lastSeq);
    this.metrics.watchRelayBacklog(async () => (await this.log.drawnSeq()) - this.lastSeq);
    const subscriber = this.redis.subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.log.notifyChannel) {
        if (this.announcements.push(Date.now()) > MAX_PENDING_ANNOUNCEMENTS) this.announcements.shift();
        void this.pump();
      } else if (channel === this.ephemeral.channel) this.deliverEphemeral(message);
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
        const startedAt = Date.now();
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
        this.observeLag(startedAt);
      } while (this.pumpAgain);
    } catch (err) {
      this.logger.warn(`relay pump failed, will retry: ${String(err)}`);
    } finally {
      this.pumping = false;
    }
  }

  /**
   * A commit announced before this pass asked for the stable seq is below it, so its events are out now.
   * (Later announcements wait for the next pass, which they asked for.)
   */
  private observeLag(passStartedAt: number): void {
    const served = this.announcements.findIndex((at) => at >= passStartedAt);
    const now = Date.now();
    for (const at of this.announcements.splice(0, served === -1 ? this.announcements.length : served)) this.metrics.eventRelayLag.observe((now - at) / 1000);
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.server = null;
  }
}
