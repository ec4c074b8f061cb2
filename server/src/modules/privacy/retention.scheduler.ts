import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { QueueService } from '../../core/queue.service.js';
import { jobIds, QueueName } from '../../core/queues.js';

/** Every night at 03:30 UTC, when inboxes are quietest for most deployments. */
const DAILY = { pattern: '30 3 * * *', tz: 'UTC' };

/**
 * One BullMQ job scheduler for the retention purge, whatever the number of processes: each upserts the same
 * id, and only one job runs a night. Without `RETENTION_DAYS` the scheduler is removed.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionScheduler.name);

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.ROLE === 'api') return;
    const queue = this.queues.queue(QueueName.Maintenance);
    if (this.config.RETENTION_DAYS > 0) {
      await queue.upsertJobScheduler(jobIds.retentionScheduler, DAILY, { name: 'retention', data: { type: 'retention' }, opts: { removeOnComplete: 30, removeOnFail: 30, attempts: 3 } });
      this.logger.debug(`retention: resolved conversations older than ${this.config.RETENTION_DAYS} days are purged daily`);
    } else {
      await queue.removeJobScheduler(jobIds.retentionScheduler);
    }
  }
}
