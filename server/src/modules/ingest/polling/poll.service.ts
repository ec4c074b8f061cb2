import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RedisService } from '../../../core/redis.service.js';
import { ChannelRegistry } from '../../channels/channel-registry.js';
import { ChannelsService } from '../../channels/channels.service.js';
import { IngestService } from '../ingest.service.js';
import { ChannelCursorEntity } from './channel-cursor.entity.js';

/** Longer than any poll takes; only guards against two overlapping polls of one channel. */
const POLL_LOCK_MS = 120_000;

export type PollOutcome = 'polled' | 'paused' | 'busy' | 'failed' | 'skipped';

/**
 * Reads one page from a polled channel. The cursor moves only after the page is durably queued, so a
 * crash between the two re-reads the page (duplicates are dropped on store) and never skips one.
 */
@Injectable()
export class PollService {
  private readonly logger = new Logger(PollService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly channels: ChannelsService,
    private readonly registry: ChannelRegistry,
    private readonly ingest: IngestService,
    private readonly redis: RedisService,
  ) {}

  async poll(channelId: string): Promise<PollOutcome> {
    const channel = await this.channels.context({ id: channelId });
    const adapter = channel ? this.registry.get(channel.kind) : null;
    if (!channel || !adapter?.poll) return 'skipped';

    const lock = this.redis.key('poll-lock', channelId);
    if ((await this.redis.client.set(lock, '1', 'PX', POLL_LOCK_MS, 'NX')) !== 'OK') return 'busy';
    try {
      const cursors = this.dataSource.getRepository(ChannelCursorEntity);
      const state = (await cursors.findOneBy({ channelId })) ?? cursors.create({ channelId, cursor: null, pausedUntil: null, lastPolledAt: null, lastError: null });
      const now = new Date();
      if (state.pausedUntil && state.pausedUntil > now) return 'paused';

      let outcome: PollOutcome = 'polled';
      try {
        const page = await adapter.poll(channel, state.cursor);
        await this.ingest.queuePolled(channel.id, page.items);
        state.cursor = page.cursor;
        state.pausedUntil = page.retryAfterMs ? new Date(now.getTime() + page.retryAfterMs) : null;
        state.lastError = null;
      } catch (err) {
        const verdict = adapter.classifyError(err);
        this.logger.warn(`poll of ${channel.kind} channel ${channel.id} failed: ${verdict.reason}`);
        state.lastError = verdict.reason;
        state.pausedUntil = verdict.retryAfterMs ? new Date(now.getTime() + verdict.retryAfterMs) : null;
        outcome = 'failed';
      }
      state.lastPolledAt = now;
      await cursors.save(state);
      return outcome;
    } finally {
      await this.redis.client.del(lock);
    }
  }
}
