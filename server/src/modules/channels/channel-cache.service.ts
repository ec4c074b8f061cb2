import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { RedisService } from '../../core/redis.service.js';
import type { ChannelContext } from './channel-adapter.js';
import type { SecretFields } from './channel-secrets.js';
import { ChannelSecrets } from './channel-secrets.service.js';
import { ChannelEntity } from './channel.entity.js';

export type LoadedChannel = ChannelContext & { teamId: string | null };

/**
 * Invalidation travels over Redis pub/sub, which drops messages for a subscriber that is disconnected or
 * for writes that bypass ChannelsService (the demo seed of another starting process): expiring entries
 * bounds how long a process can serve such a stale channel.
 */
const TTL_MS = 30_000;

export function toLoadedChannel(c: Pick<ChannelEntity, 'id' | 'kind' | 'key' | 'config' | 'teamId'>, secrets: SecretFields): LoadedChannel {
  return { id: c.id, kind: c.kind, key: c.key, config: c.config, secrets, teamId: c.teamId };
}

/** Cached channels are shared by every caller: frozen, so that no caller can change another's view. */
function frozen(c: LoadedChannel): LoadedChannel {
  Object.freeze(c.config);
  Object.freeze(c.secrets);
  return Object.freeze(c);
}

/**
 * This process's copy of the enabled channels with their secrets, read on every webhook, poll and send.
 * A change anywhere clears it in every process (Redis pub/sub); the next lookup loads it again.
 */
@Injectable()
export class ChannelCache implements OnModuleInit {
  private readonly logger = new Logger(ChannelCache.name);
  private snapshot: { channels: readonly LoadedChannel[]; expiresAt: number } | null = null;
  private loading: Promise<readonly LoadedChannel[]> | null = null;
  /** Bumped by every invalidation: a load that began before one must not store what it read. */
  private generation = 0;

  constructor(
    @InjectRepository(ChannelEntity) private readonly channels: Pick<Repository<ChannelEntity>, 'find'>,
    private readonly redis: RedisService,
    private readonly secrets: ChannelSecrets,
  ) {}

  /** A row with its secrets opened (also for a cache miss asked of Postgres). */
  loaded(row: Pick<ChannelEntity, 'id' | 'name' | 'kind' | 'key' | 'config' | 'secrets' | 'teamId'>): LoadedChannel {
    return toLoadedChannel(row, this.secrets.open(row));
  }

  private get changedChannel(): string {
    return this.redis.key('channels', 'changed');
  }

  /** Subscribed before the app serves anything, so no change can slip between a load and the subscription. */
  async onModuleInit(): Promise<void> {
    const subscriber = this.redis.subscriber;
    // The connection is shared with the event relay: each listener keeps to its own channel.
    subscriber.on('message', (channel: string) => {
      if (channel === this.changedChannel) this.clear();
    });
    // Messages published while the subscriber was reconnecting are lost.
    subscriber.on('ready', () => this.clear());
    await subscriber.subscribe(this.changedChannel);
  }

  /** Every enabled channel, oldest first; concurrent misses share one query. */
  async all(): Promise<readonly LoadedChannel[]> {
    if (this.snapshot && this.snapshot.expiresAt > Date.now()) return this.snapshot.channels;
    this.loading ??= this.load(this.generation);
    return this.loading;
  }

  /** After a change to the channels table: this process at once, the others as soon as Redis tells them. */
  async invalidate(): Promise<void> {
    this.clear();
    try {
      await this.redis.client.publish(this.changedChannel, '1');
    } catch (err) {
      this.logger.warn(`channel change not announced, other processes catch up within ${TTL_MS / 1000} s: ${String(err)}`);
    }
  }

  /** Forgets this process's copy only. */
  clear(): void {
    this.generation++;
    this.snapshot = null;
    // A load still running may have read the old rows: later callers start their own.
    this.loading = null;
  }

  private async load(generation: number): Promise<readonly LoadedChannel[]> {
    try {
      const rows = await this.channels.find({
        select: { id: true, name: true, kind: true, key: true, config: true, secrets: true, teamId: true },
        where: { enabled: true },
        order: { createdAt: 'ASC' },
      });
      const channels = Object.freeze(rows.map((row) => frozen(this.loaded(row))));
      if (generation === this.generation) this.snapshot = { channels, expiresAt: Date.now() + TTL_MS };
      return channels;
    } finally {
      if (generation === this.generation) this.loading = null;
    }
  }
}
