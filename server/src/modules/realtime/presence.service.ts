import { Inject, Injectable } from '@nestjs/common';
import type { PresenceStatus } from '@rapport/shared';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { RedisService } from '../../core/redis.service.js';

/** A socket not heard from for this long is gone (its server process died without saying so). */
export const SOCKET_STALE_MS = 90_000;

/**
 * Who is reachable, across all server processes. Per user a sorted set of socket ids scored by their last
 * heartbeat. `online` needs a connected socket (only then does routing give new work); `away` is the
 * agent's own choice, or the grace period after their last socket left (a reload, a flaky network), during
 * which they keep their conversations; `offline` after it.
 */
@Injectable()
export class PresenceService {
  constructor(
    private readonly redis: RedisService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  private socketsKey(userId: string): string {
    return this.redis.key('presence', 'sockets', userId);
  }

  private chosenKey(): string {
    return this.redis.key('presence', 'chosen');
  }

  private offlineSinceKey(): string {
    return this.redis.key('presence', 'offline-since');
  }

  get graceMs(): number {
    return this.config.ROUTING_OFFLINE_GRACE_SECONDS * 1000;
  }

  /** Returns whether this is the user's first live socket (they just came online). */
  async connected(userId: string, socketId: string): Promise<boolean> {
    const wasLive = await this.liveSockets(userId);
    await this.redis.client.multi().zadd(this.socketsKey(userId), Date.now(), socketId).hdel(this.offlineSinceKey(), userId).exec();
    return wasLive === 0;
  }

  /** Returns the time the user lost their last socket, or null while they still have one. */
  async disconnected(userId: string, socketId: string): Promise<number | null> {
    await this.redis.client.zrem(this.socketsKey(userId), socketId);
    if ((await this.liveSockets(userId)) > 0) return null;
    const since = Date.now();
    await this.redis.client.hset(this.offlineSinceKey(), userId, String(since));
    return since;
  }

  /** Keeps this process's sockets fresh, so a crashed process's sockets age out. */
  async heartbeat(sockets: Array<{ userId: string; socketId: string }>): Promise<void> {
    if (sockets.length === 0) return;
    const now = Date.now();
    const batch = this.redis.client.multi();
    for (const s of sockets) batch.zadd(this.socketsKey(s.userId), now, s.socketId);
    await batch.exec();
  }

  async choose(userId: string, status: 'online' | 'away'): Promise<void> {
    await this.redis.client.hset(this.chosenKey(), userId, status);
  }

  /** True when the user lost their last socket at `since` and has not come back. */
  async stillOfflineSince(userId: string, since: number): Promise<boolean> {
    return (await this.redis.client.hget(this.offlineSinceKey(), userId)) === String(since) && (await this.liveSockets(userId)) === 0;
  }

  async statusOf(userIds: string[]): Promise<Map<string, PresenceStatus>> {
    const result = new Map<string, PresenceStatus>();
    if (userIds.length === 0) return result;
    const now = Date.now();
    // One round trip for everyone: routing asks this for a whole team on every decision.
    const batch = this.redis.client.multi().hmget(this.chosenKey(), ...userIds).hmget(this.offlineSinceKey(), ...userIds);
    for (const id of userIds) batch.zcount(this.socketsKey(id), now - SOCKET_STALE_MS, '+inf');
    const replies = ((await batch.exec()) ?? []).map(([err, value]) => {
      if (err) throw err;
      return value;
    });
    const chosen = replies[0] as Array<string | null>;
    const offlineSince = replies[1] as Array<string | null>;
    userIds.forEach((id, i) => {
      const live = Number(replies[2 + i]) > 0;
      const since = Number(offlineSince[i] ?? NaN);
      const inGrace = !live && Number.isFinite(since) && now - since < this.graceMs;
      result.set(id, live ? (chosen[i] === 'away' ? 'away' : 'online') : inGrace ? 'away' : 'offline');
    });
    return result;
  }

  private liveSockets(userId: string): Promise<number> {
    return this.redis.client.zcount(this.socketsKey(userId), Date.now() - SOCKET_STALE_MS, '+inf');
  }
}
