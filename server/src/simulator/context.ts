import type { CustomerRegistry, SimCustomer, ThreadHint } from './customers.js';
import type { FaultQueue } from './faults.js';
import type { IdClock } from './ids.js';
import type { Random } from './scenarios.js';
import type { Scheduler } from './scheduler.js';
import type { SentLog } from './sent-replies.js';
import type { WebhookSender } from './webhook-sender.js';

/** What the stand-ins share, handed to each explicitly. */
export interface SimContext {
  /** Seedable: the scenarios and the customers' behaviour draw from it, in a fixed order. */
  readonly random: Random;
  readonly ids: IdClock;
  readonly scheduler: Scheduler;
  readonly customers: CustomerRegistry;
  readonly faults: FaultQueue;
  readonly replies: SentLog;
  readonly webhooks: WebhookSender;
  log(line: string): void;
  /** Where the simulator listens, once it does. */
  url(): string;
  /** The customer may answer the reply a stand-in just accepted (only while traffic runs). */
  followUp(customer: SimCustomer | null, thread: ThreadHint): void;
}

/** A whole number in [min, max]. */
export function randomBetween(random: Random, [min, max]: readonly [number, number]): number {
  return min + Math.floor(random() * (Math.max(min, max) - min + 1));
}
