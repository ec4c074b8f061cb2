import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type Processor } from 'bullmq';
import { CONFIG, WORKER_CONCURRENCY, type AppConfig } from '../config/env.js';
import { retryWhileUnavailable } from '../core/outage-retry.js';
import { QueueName } from '../core/queues.js';
import { InboundProcessor } from '../modules/ingest/inbound.processor.js';
import { OutboundProcessor } from '../modules/outbound/outbound.processor.js';
import { PollProcessor } from '../modules/ingest/polling/poll.processor.js';
import { RoutingProcessor } from '../modules/routing/routing.processor.js';
import { OutboundService } from '../modules/outbound/outbound.service.js';
import { SlaProcessor } from '../modules/sla/sla.processor.js';
import { ProfileLookupProcessor } from '../modules/enrichment/profile-lookup.processor.js';
import { TimersProcessor } from '../modules/follow-ups/timers.processor.js';
import { MaintenanceProcessor } from '../modules/privacy/maintenance.processor.js';

const STALE_SWEEP_MS = 30_000;

/** Runs the BullMQ workers in processes whose ROLE is worker or all; any number of processes share the load. */
@Injectable()
export class WorkersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WorkersService.name);
  private readonly workers: Worker[] = [];
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly inbound: InboundProcessor,
    private readonly outbound: OutboundProcessor,
    private readonly poll: PollProcessor,
    private readonly routing: RoutingProcessor,
    private readonly profiles: ProfileLookupProcessor,
    private readonly sla: SlaProcessor,
    private readonly timers: TimersProcessor,
    private readonly maintenance: MaintenanceProcessor,
    private readonly outboundService: OutboundService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.ROLE === 'api') return;
    // A crashed process's jobs go back to the queue within seconds, not BullMQ's default half minute.
    this.start(QueueName.Inbound, (job) => this.inbound.process(job), { concurrency: this.config.INBOUND_CONCURRENCY, lockDuration: 10_000, stalledInterval: 5_000 });
    // The limiter spreads sends out so one busy inbox does not trip platform rate limits.
    // Also back within seconds after a crash: the recorded send tells the retry not to post twice.
    this.start(QueueName.Outbound, (job, token) => this.outbound.process(job, token), { concurrency: WORKER_CONCURRENCY.outbound, lockDuration: 10_000, stalledInterval: 5_000 });
    this.start(QueueName.Poll, (job) => this.poll.process(job), { concurrency: WORKER_CONCURRENCY.poll });
    this.start(QueueName.Routing, (job) => this.routing.process(job), { concurrency: WORKER_CONCURRENCY.routing });
    // Its own workers: a slow or unreachable profile API never holds up the inbound queue.
    this.start(QueueName.Profiles, (job) => this.profiles.process(job), { concurrency: WORKER_CONCURRENCY.profiles });
    this.start(QueueName.Sla, (job) => this.sla.process(job), { concurrency: WORKER_CONCURRENCY.sla });
    // Snoozes that end and follow-ups that come due: delayed jobs in Redis, so a restart loses none.
    this.start(QueueName.Timers, (job) => this.timers.process(job), { concurrency: WORKER_CONCURRENCY.timers });
    // Housekeeping on job schedulers (the daily retention purge): one at a time is plenty.
    this.start(QueueName.Maintenance, (job) => this.maintenance.process(job), { concurrency: WORKER_CONCURRENCY.maintenance });
    this.sweeper = setInterval(() => {
      this.outboundService.requeueStale().catch((err: unknown) => this.logger.warn(`requeue sweep failed: ${String(err)}`));
    }, STALE_SWEEP_MS);
  }

  private start(name: QueueName, processor: Processor, options: { concurrency: number; lockDuration?: number; stalledInterval?: number; limiter?: { max: number; duration: number } }): void {
    // While Postgres or Redis is down a job waits without using up its attempts, and a job whose process
    // died (or lost Redis) twice is handed out again rather than failed: every job is safe to run again.
    const worker = new Worker(name, retryWhileUnavailable(processor), {
      connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: this.config.REDIS_PREFIX,
      maxStalledCount: 10,
      ...options,
    });
    worker.on('failed', (job, err) => this.logger.warn(`${name} job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`));
    worker.on('error', (err) => this.logger.error(`${name} worker error: ${err.message}`));
    this.workers.push(worker);
  }

  /** Workers stop first (Nest destroys modules before the shutdown hooks that close the connections). */
  async onModuleDestroy(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.allSettled(this.workers.map((w) => w.close()));
  }
}
