import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '../../core/redis.service.js';

interface AccessChangedMessage {
  userId: string;
}

/**
 * Tells every API process that a user's access changed (deactivated, another role), so that each closes
 * that user's sockets at once: they reconnect with what they may now hear, or are refused.
 */
@Injectable()
export class AccessChanges {
  private readonly logger = new Logger(AccessChanges.name);

  constructor(private readonly redis: RedisService) {}

  private get channel(): string {
    return this.redis.key('access-changed');
  }

  /** Call after the change committed, so a reconnect reads the new state. */
  async announce(userId: string): Promise<void> {
    const message: AccessChangedMessage = { userId };
    await this.redis.client.publish(this.channel, JSON.stringify(message));
  }

  async listen(onChange: (userId: string) => void): Promise<void> {
    const subscriber = this.redis.subscriber;
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      try {
        const { userId } = JSON.parse(raw) as AccessChangedMessage;
        if (typeof userId === 'string') onChange(userId);
      } catch (err) {
        this.logger.warn(`ignored a malformed access change: ${String(err)}`);
      }
    });
    await subscriber.subscribe(this.channel);
  }
}
