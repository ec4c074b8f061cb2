import { createHash } from 'node:crypto';
import type { SlaMetric } from '@rapport/shared';

/** Every BullMQ queue Rapport uses. */
export enum QueueName {
  Inbound = 'inbound',
  Outbound = 'outbound',
  Poll = 'poll',
  Routing = 'routing',
  Profiles = 'profiles',
  Sla = 'sla',
  Timers = 'timers',
  /** Housekeeping on job schedulers: the daily retention purge. */
  Maintenance = 'maintenance',
}

/** Where an inbound job came from: a channel's own webhook, a shared platform webhook, or a poll. */
export type InboundSource = 'api' | 'meta' | 'whatsapp' | 'x' | 'telegram' | 'poll';

/** A platform event exactly as it arrived (or a polled page, already normalized); parsed by the inbound worker. */
export interface InboundJob {
  source: InboundSource;
  /** Set when the channel is known up front (own webhook, Telegram, polls); shared webhooks route per entry. */
  channelId: string | null;
  /** The request body as text, byte for byte (signatures were checked over it); for polls, the items as JSON. */
  body: string;
  receivedAt: string;
}

/** Work for the router: route one conversation, serve a team's queue, or react to an agent leaving or freeing up. */
export type RoutingJob =
  | { type: 'route'; conversationId: string }
  | { type: 'drain-team'; teamId: string }
  | { type: 'drain-agent'; userId: string }
  | { type: 'agent-offline'; userId: string; since: number }
  /** Deactivated by an admin: every open conversation of theirs goes back to routing. */
  | { type: 'agent-deactivated'; userId: string };

/** One channel's poll, run by the job scheduler of that channel. */
export interface PollJob {
  channelId: string;
}

/** An agent reply waiting to leave for its platform. */
export interface OutboundJob {
  messageId: string;
}

/** Ask a platform who an id-only sender is (name, handle, avatar). */
export interface ProfileJob {
  channelId: string;
  identityId: string;
}

/**
 * SLA work: recompute a conversation's due times, check one clock at its due time (a delayed job), or
 * recompute every open conversation after a policy or a team's hours changed.
 */
export type SlaJob =
  | { type: 'refresh'; conversationId: string }
  | { type: 'breach'; conversationId: string; metric: SlaMetric; dueAt: string }
  | { type: 'reapply' };

/** One delayed job per timer, by job name: a snooze that ends, a follow-up that comes due. */
export interface TimerJobs {
  'snooze-wake': { conversationId: string; snoozedUntil: string };
  'follow-up-due': { followUpId: string };
}
export type TimerJobName = keyof TimerJobs;
export type TimerJob = { [K in TimerJobName]: { type: K } & TimerJobs[K] }[TimerJobName];

/** Housekeeping, each kind run by a job scheduler of its own. */
export type MaintenanceJob = { type: 'retention' };

export interface JobPayloads {
  [QueueName.Inbound]: InboundJob;
  [QueueName.Outbound]: OutboundJob;
  [QueueName.Poll]: PollJob;
  [QueueName.Routing]: RoutingJob;
  [QueueName.Profiles]: ProfileJob;
  [QueueName.Sla]: SlaJob;
  [QueueName.Timers]: TimerJob;
  [QueueName.Maintenance]: MaintenanceJob;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 40);

/**
 * Job ids are built here only, so that a redelivered webhook or a re-enqueued reply is the same job
 * (BullMQ ignores an add whose id it already holds).
 */
export const jobIds = {
  inbound: (job: InboundJob): string => `in-${job.source}-${job.channelId ?? 'shared'}-${digest(job.body)}`,
  outbound: (messageId: string): string => `out-${messageId}`,
  pollScheduler: (channelId: string): string => `poll-${channelId}`,
  agentOffline: (userId: string, since: number): string => `offline-${userId}-${since}`,
  /** One lookup per identity at a time, however many of its messages arrive meanwhile. */
  profile: (identityId: string): string => `profile-${identityId}`,
  /** One timer per run of a clock and due time: rescheduling adds a new id, firing twice is harmless. */
  slaBreach: (conversationId: string, metric: SlaMetric, dueAt: Date): string => `sla-${conversationId}-${metric}-${dueAt.getTime()}`,
  /** One per conversation and snooze time: snoozing again until another time is another job. */
  snoozeWake: (conversationId: string, until: Date): string => `snooze-${conversationId}-${until.getTime()}`,
  followUpDue: (followUpId: string): string => `followup-${followUpId}`,
  /** One retention scheduler per deployment, however many processes upsert it. */
  retentionScheduler: 'retention-daily',
};
