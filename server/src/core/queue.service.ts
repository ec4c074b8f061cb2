import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { CONFIG, type AppConfig } from '../config/env.js';
import { logRedisError } from './redis.service.js';
import { commandConnectionOptions } from './redis-options.js';
import type { SlaMetric } from '@rapport/shared';
import { jobIds, QueueName, type InboundJob, type JobPayloads, type ProfileJob, type RoutingJob } from './queues.js';

const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Producer side of the queues: the only place jobs are added. */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queues: { [Q in QueueName]: Queue<JobPayloads[Q]> };

  constructor(@Inject(CONFIG) config: AppConfig) {
    // Jobs added in the same tick (a webhook storm) travel to Redis in one write. While Redis is down an
    // add fails within seconds where HTTP is served, so a webhook answers 503 and never 200 unqueued.
    this.connection = new Redis(config.REDIS_URL, { ...commandConnectionOptions(config), enableAutoPipelining: true });
    this.connection.on('error', logRedisError);
    const make = <Q extends QueueName>(name: Q) =>
      new Queue<JobPayloads[Q]>(name, { connection: this.connection, prefix: config.REDIS_PREFIX, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    this.queues = {
      [QueueName.Inbound]: make(QueueName.Inbound),
      [QueueName.Outbound]: make(QueueName.Outbound),
      [QueueName.Poll]: make(QueueName.Poll),
      [QueueName.Routing]: make(QueueName.Routing),
      [QueueName.Profiles]: make(QueueName.Profiles),
      [QueueName.Sla]: make(QueueName.Sla),
      [QueueName.Timers]: make(QueueName.Timers),
      [QueueName.Maintenance]: make(QueueName.Maintenance),
    };
  }

  /** Resolves once Redis holds the job: only then may a webhook answer 200. */
  async addInbound(job: InboundJob): Promise<void> {
    await this.queues[QueueName.Inbound].add('event', job, { jobId: jobIds.inbound(job) });
  }

  async addOutbound(messageId: string, delayMs = 0): Promise<void> {
    await this.queues[QueueName.Outbound].add('send', { messageId }, { jobId: jobIds.outbound(messageId), delay: delayMs });
  }

  /** Routing work runs in the workers; `delayMs` for the offline grace period. */
  async addRouting(job: RoutingJob, delayMs = 0): Promise<void> {
    const jobId = job.type === 'agent-offline' ? jobIds.agentOffline(job.userId, job.since) : undefined;
    await this.queues[QueueName.Routing].add(job.type, job, { delay: delayMs, attempts: 5, removeOnComplete: true, ...(jobId ? { jobId } : {}) });
  }

  /**
   * Retried with backoff while the platform does not answer. A finished lookup is kept for a day, so a
   * sender the platform cannot name is not looked up again on every message; a failed one is dropped, so
   * the sender's next message asks again.
   */
  async addProfileLookup(job: ProfileJob): Promise<void> {
    await this.queues[QueueName.Profiles].add('lookup', job, {
      jobId: jobIds.profile(job.identityId),
      attempts: 6,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: true,
    });
  }

  /** Recompute a conversation's SLA due times (after customer messages, a team change). */
  async addSlaRefresh(conversationId: string): Promise<void> {
    await this.queues[QueueName.Sla].add('refresh', { type: 'refresh', conversationId }, { removeOnComplete: true });
  }

  /** After a policy or business hours changed: every open conversation's due times again. */
  async addSlaReapply(): Promise<void> {
    await this.queues[QueueName.Sla].add('reapply', { type: 'reapply' }, { removeOnComplete: true, attempts: 3 });
  }

  /** The timer of one clock: fires at its due time. */
  async scheduleSlaBreach(conversationId: string, metric: SlaMetric, dueAt: Date): Promise<void> {
    await this.addTimer(QueueName.Sla, { type: 'breach', conversationId, metric, dueAt: dueAt.toISOString() }, jobIds.slaBreach(conversationId, metric, dueAt), dueAt);
  }

  /** A timer whose clock stopped or moved. */
  async cancelSlaBreach(conversationId: string, metric: SlaMetric, dueAt: Date): Promise<void> {
    await this.removeTimer(QueueName.Sla, jobIds.slaBreach(conversationId, metric, dueAt));
  }

  /** Reopens a snoozed conversation at `until`. */
  async scheduleSnoozeWake(conversationId: string, until: Date): Promise<void> {
    await this.addTimer(QueueName.Timers, { type: 'snooze-wake', conversationId, snoozedUntil: until.toISOString() }, jobIds.snoozeWake(conversationId, until), until);
  }

  /** The snooze ended otherwise (the customer wrote, a status change). */
  async cancelSnoozeWake(conversationId: string, until: Date): Promise<void> {
    await this.removeTimer(QueueName.Timers, jobIds.snoozeWake(conversationId, until));
  }

  async scheduleFollowUp(followUpId: string, dueAt: Date): Promise<void> {
    await this.addTimer(QueueName.Timers, { type: 'follow-up-due', followUpId }, jobIds.followUpDue(followUpId), dueAt);
  }

  async cancelFollowUp(followUpId: string): Promise<void> {
    await this.removeTimer(QueueName.Timers, jobIds.followUpDue(followUpId));
  }

  /** A delayed job that fires at `at` in whichever worker is alive then; the same id again is the same job. */
  private async addTimer<Q extends QueueName.Sla | QueueName.Timers>(name: Q, job: JobPayloads[Q], jobId: string, at: Date): Promise<void> {
    // Typed by `name` above; BullMQ's name typing cannot follow a generic queue.
    await (this.queues[name] as Queue).add(job.type, job, { jobId, delay: Math.max(0, at.getTime() - Date.now()), removeOnComplete: true });
  }

  /** Best effort: a timer already running (or gone) judges its conversation as it is then and finds nothing to do. */
  private async removeTimer(name: QueueName.Sla | QueueName.Timers, jobId: string): Promise<void> {
    await this.queues[name].remove(jobId).catch(() => 0);
  }

  queue<Q extends QueueName>(name: Q): Queue<JobPayloads[Q]> {
    return this.queues[name];
  }

  /** Connections close last, once workers and sockets have stopped using them. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(Object.values(this.queues).map((q) => q.close()));
    await this.connection.quit().catch(() => undefined);
  }
}
