import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { CONFIG, type AppConfig } from '../config/env.js';

/** One command connection and one subscriber connection per process, with Rapport's key prefix. */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  readonly client: Redis;
  private subscriberClient: Redis | null = null;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: false });
  }

  key(...parts: string[]): string {
    return [this.config.REDIS_PREFIX, ...parts].join(':');
  }

  /** A dedicated connection for SUBSCRIBE (a subscribed connection cannot run other commands). */
  get subscriber(): Redis {
    this.subscriberClient ??= this.client.duplicate();
    return this.subscriberClient;
  }

  /** Commands wait for a reconnect rather than fail (queues need that): a health check must not. */
  async ping(timeoutMs = 1500): Promise<boolean> {
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    try {
      return await Promise.race([this.client.ping().then((answer) => answer === 'PONG'), timeout]);
    } catch {
      return false;
    }
  }

  /** Connections close last, once workers and sockets have stopped using them. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.client.quit(), this.subscriberClient?.quit()]);
  }
}
