import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { CONFIG, type AppConfig } from '../config/env.js';
import { commandConnectionOptions } from './redis-options.js';

const logger = new Logger('Redis');
let lastReported = 0;

/** ioredis reconnects by itself; say so at most every 10 s instead of once per attempt. */
export function logRedisError(err: Error): void {
  if (Date.now() - lastReported < 10_000) return;
  lastReported = Date.now();
  logger.warn(`connection trouble, retrying: ${err.message}`);
}

/** One command connection and one subscriber connection per process, with Rapport's key prefix. */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  readonly client: Redis;
  private subscriberClient: Redis | null = null;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, { ...commandConnectionOptions(config), lazyConnect: false });
    this.client.on('error', logRedisError);
  }

  key(...parts: string[]): string {
    return [this.config.REDIS_PREFIX, ...parts].join(':');
  }

  /** A dedicated connection for SUBSCRIBE (a subscribed connection cannot run other commands). */
  get subscriber(): Redis {
    if (!this.subscriberClient) {
      // Subscriptions wait for Redis to come back (ioredis subscribes again on reconnect); no request waits on them.
      this.subscriberClient = this.client.duplicate({ maxRetriesPerRequest: null, commandTimeout: undefined });
      this.subscriberClient.on('error', logRedisError);
    }
    return this.subscriberClient;
  }

  /** Commands may wait for a reconnect (in a worker-only process): a health check must not. */
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
