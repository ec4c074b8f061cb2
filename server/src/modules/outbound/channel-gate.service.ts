import { Injectable } from '@nestjs/common';
import { RedisService } from '../../core/redis.service.js';

/** Sends per second per channel, well under every platform's documented limit. */
const PER_CHANNEL_PER_SECOND = 10;

/**
 * Paces replies per channel across all worker processes: a steady per-second budget, and a pause
 * until the reset when the platform said it is rate limiting us.
 */
@Injectable()
export class ChannelGate {
  constructor(private readonly redis: RedisService) {}

  /** Milliseconds to wait before this channel may send again; 0 means go (and counts the send). */
  async waitFor(channelId: string): Promise<number> {
    const pausedFor = await this.redis.client.pttl(this.redis.key('outbound', 'pause', channelId));
    if (pausedFor > 0) return pausedFor;
    const now = Date.now();
    const second = Math.floor(now / 1000);
    const key = this.redis.key('outbound', 'rate', channelId, String(second));
    const [[, count]] = (await this.redis.client.multi().incr(key).pexpire(key, 2000).exec()) as [[Error | null, number]];
    return count > PER_CHANNEL_PER_SECOND ? (second + 1) * 1000 - now : 0;
  }

  /** The platform asked for a break: no sends on this channel until then. */
  async pause(channelId: string, ms: number): Promise<void> {
    await this.redis.client.set(this.redis.key('outbound', 'pause', channelId), '1', 'PX', Math.max(1, Math.ceil(ms)));
  }
}
