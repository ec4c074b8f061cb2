import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { QueueService } from '../../core/queue.service.js';
import { jobIds, QueueName } from '../../core/queues.js';
import { POLLED_KINDS } from './channel-config.js';
import type { ChannelEntity } from './channel.entity.js';
import { ChannelsService } from './channels.service.js';

/**
 * One BullMQ job scheduler per polled channel: however many processes run, each channel is polled by one
 * job at a time, every `pollIntervalSeconds`.
 */
@Injectable()
export class PollScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(PollScheduler.name);

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueService,
    private readonly channels: ChannelsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.ROLE === 'api') return;
    const wanted = new Set<string>();
    for (const kind of POLLED_KINDS) {
      for (const channel of await this.channels.enabledOfKind(kind)) {
        await this.schedule(channel.id, channel.config.pollIntervalSeconds);
        wanted.add(jobIds.pollScheduler(channel.id));
      }
    }
    // Channels deleted or disabled while no process ran still have schedulers in Redis.
    for (const scheduler of await this.queues.queue(QueueName.Poll).getJobSchedulers()) {
      if (!wanted.has(scheduler.key)) await this.queues.queue(QueueName.Poll).removeJobScheduler(scheduler.key);
    }
  }

  /** After a channel was created or changed: poll it if it is a polled, enabled channel; else stop. */
  async sync(channel: Pick<ChannelEntity, 'id' | 'kind' | 'enabled' | 'config'>): Promise<void> {
    if (POLLED_KINDS.includes(channel.kind) && channel.enabled) await this.schedule(channel.id, channel.config.pollIntervalSeconds);
    else await this.stop(channel.id);
  }

  async stop(channelId: string): Promise<void> {
    await this.queues.queue(QueueName.Poll).removeJobScheduler(jobIds.pollScheduler(channelId));
  }

  private async schedule(channelId: string, intervalSeconds: unknown): Promise<void> {
    const every = Math.max(1, Number(intervalSeconds) || 30) * 1000;
    await this.queues.queue(QueueName.Poll).upsertJobScheduler(jobIds.pollScheduler(channelId), { every }, { name: 'poll', data: { channelId }, opts: { removeOnComplete: true, removeOnFail: 100 } });
    this.logger.debug(`polling channel ${channelId} every ${every} ms`);
  }
}
