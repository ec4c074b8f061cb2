import { Injectable } from '@nestjs/common';
import type { PresenceStatus } from '@rapport/shared';
import { RedisService } from '../../core/redis.service.js';

/** Which agents are connected, across all server processes (Redis sets of socket ids per user). */
@Injectable()
export class PresenceService {
  constructor(private readonly redis: RedisService) {}

  private socketsKey(userId: string): string {
    return this.redis.key('presence', 'sockets', userId);
  }

  private statusKey(): string {
    return this.redis.key('presence', 'status');
  }

  /** Returns the user's status after the socket joined. */
  async connected(userId: string, socketId: string): Promise<PresenceStatus> {
    await this.redis.client.sadd(this.socketsKey(userId), socketId);
    const chosen = await this.redis.client.hget(this.statusKey(), userId);
    return chosen === 'away' ? 'away' : 'online';
  }

  /** Returns the user's status after the socket left: offline once no socket is left. */
  async disconnected(userId: string, socketId: string): Promise<PresenceStatus> {
    await this.redis.client.srem(this.socketsKey(userId), socketId);
    const left = await this.redis.client.scard(this.socketsKey(userId));
    if (left > 0) return (await this.redis.client.hget(this.statusKey(), userId)) === 'away' ? 'away' : 'online';
    return 'offline';
  }

  async choose(userId: string, status: 'online' | 'away'): Promise<void> {
    await this.redis.client.hset(this.statusKey(), userId, status);
  }
}
