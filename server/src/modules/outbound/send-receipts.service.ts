import { Injectable } from '@nestjs/common';
import { RedisService } from '../../core/redis.service.js';
import type { SendResult } from '../channels/channel-adapter.js';

const KEEP_SECONDS = 24 * 3600;

/**
 * Remembers that a platform accepted a reply, before the database hears of it: if recording the status
 * fails and the job runs again, the reply is recorded, not sent a second time.
 */
@Injectable()
export class SendReceipts {
  constructor(private readonly redis: RedisService) {}

  private key(messageId: string): string {
    return this.redis.key('outbound', 'accepted', messageId);
  }

  async get(messageId: string): Promise<SendResult | null> {
    const raw = await this.redis.client.get(this.key(messageId));
    return raw ? (JSON.parse(raw) as SendResult) : null;
  }

  async remember(messageId: string, result: SendResult): Promise<void> {
    await this.redis.client.set(this.key(messageId), JSON.stringify(result), 'EX', KEEP_SECONDS);
  }
}
