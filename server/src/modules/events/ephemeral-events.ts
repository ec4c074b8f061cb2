import { Injectable, Logger } from '@nestjs/common';
import type { PresenceStatus } from '@rapport/shared';
import { RedisService } from '../../core/redis.service.js';
import { rooms } from './audience.js';
import { EventLog } from './event-log.js';

export interface EphemeralMessage {
  rooms: string[];
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Typing, viewers and presence: never stored, sent through Redis so that every API process reaches its
 * own sockets, from any process (workers announce presence too).
 */
@Injectable()
export class EphemeralEvents {
  private readonly logger = new Logger(EphemeralEvents.name);
  private localSeq: (() => number) | null = null;

  constructor(
    private readonly redis: RedisService,
    private readonly log: EventLog,
  ) {}

  get channel(): string {
    return this.redis.key('ephemeral');
  }

  /** An API process stamps ephemeral events with the seq its relay has delivered. */
  stampWith(currentSeq: () => number): void {
    this.localSeq = currentSeq;
  }

  async broadcast(toRooms: string[], type: string, payload: Record<string, unknown>): Promise<void> {
    // A worker process has no relay: the newest seq drawn is close enough for an ephemeral event.
    const seq = this.localSeq ? this.localSeq() : await this.log.drawnSeq();
    const message: EphemeralMessage = { rooms: toRooms, type, payload: { ...payload, seq } };
    await this.redis.client.publish(this.channel, JSON.stringify(message));
  }

  /** Tells supervisors and the user's teams that their presence changed. */
  async announcePresence(userId: string, teamIds: string[], status: PresenceStatus): Promise<void> {
    await this.broadcast([rooms.allTeams, ...teamIds.map(rooms.team)], 'agent.presence', { userId, status }).catch((err: unknown) =>
      this.logger.warn(`presence broadcast failed: ${String(err)}`),
    );
  }
}
