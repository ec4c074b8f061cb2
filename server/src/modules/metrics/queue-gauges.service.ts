import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { QueueService } from '../../core/queue.service.js';
import { QueueName } from '../../core/queues.js';
import { MetricsService } from './metrics.service.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

/**
 * Queue depth and the age of the oldest waiting job per queue, read from Redis at each scrape. Only
 * processes that serve HTTP report them: every process sees the same queues, and a server sums its
 * worker processes' figures.
 */
@Injectable()
export class QueueGauges implements OnModuleInit {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly queues: QueueService,
  ) {}

  onModuleInit(): void {
    if (this.config.ROLE === 'worker') return;
    const queues = this.queues;
    const names = Object.values(QueueName);
    new Gauge({
      name: 'rapport_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.metrics.registry],
      async collect() {
        await Promise.all(
          names.map(async (name) => {
            const counts = await queues.queue(name).getJobCounts(...STATES);
            for (const state of STATES) this.set({ queue: name, state }, counts[state] ?? 0);
          }),
        );
      },
    });
    new Gauge({
      name: 'rapport_queue_oldest_waiting_seconds',
      help: 'How long the oldest job still waiting in each queue has waited (0 when none waits)',
      labelNames: ['queue'],
      registers: [this.metrics.registry],
      async collect() {
        await Promise.all(
          names.map(async (name) => {
            const [oldest] = await queues.queue(name).getJobs(['wait'], 0, 0, true);
            this.set({ queue: name }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
          }),
        );
      },
    });
  }
}
