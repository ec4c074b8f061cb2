import type { ChannelKind } from '@rapport/shared';
import { randomBetween } from './context.js';
import type { CustomerMessage, CustomerSaid, SimCustomer, ThreadHint } from './customers.js';
import { followUpMessage, nextCustomerMessage, type Random } from './scenarios.js';
import type { Scheduler } from './scheduler.js';

export type Say = (kind: ChannelKind, message: CustomerMessage, thread?: ThreadHint) => Promise<CustomerSaid>;

export interface TrafficOptions {
  /** Messages per minute at start; 0 = none. */
  rate: number;
  random: Random;
  scheduler: Scheduler;
  log: (line: string) => void;
  say: Say;
  /** Chance that a customer answers an agent's reply. */
  followUpProbability: number;
  followUpMs: readonly [number, number];
}

/** The customers' own initiative: scenario messages at the traffic rate, and answers to agents' replies while it runs. */
export class Traffic {
  /** Follow-ups sent, for `/_sim/health`. */
  followUps = 0;
  private currentRate: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly seenPersonas = new Set<string>();

  constructor(private readonly options: TrafficOptions) {
    this.currentRate = options.rate;
  }

  get rate(): number {
    return this.currentRate;
  }

  setRate(messagesPerMinute: number): void {
    this.currentRate = Number.isFinite(messagesPerMinute) ? Math.max(0, messagesPerMinute) : 0;
    this.options.log(`traffic: ${this.currentRate} messages per minute`);
    this.schedule();
  }

  /** Once the simulator listens. */
  start(): void {
    this.schedule();
  }

  /** The scheduler has cancelled the timer already: forget it. */
  stop(): void {
    this.timer = null;
  }

  maybeFollowUp(customer: SimCustomer | null, thread: ThreadHint): void {
    const { random, scheduler, log } = this.options;
    if (!customer || this.currentRate <= 0 || scheduler.closed) return;
    if (random() >= this.options.followUpProbability) return;
    const { kind, text } = followUpMessage(random, customer.language, customer.mood);
    const delay = randomBetween(random, this.options.followUpMs);
    scheduler.later(delay, () => {
      this.followUps += 1;
      log(`follow-up (${kind}) from ${customer.name} on ${customer.kind}`);
      this.options.say(customer.kind, { customerId: customer.key, text, public: thread.type !== 'dm' }, thread).catch((err: unknown) =>
        log(`! follow-up failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
  }

  private schedule(): void {
    const { random, scheduler } = this.options;
    if (this.timer) {
      scheduler.cancel(this.timer);
      this.timer = null;
    }
    if (this.currentRate <= 0 || scheduler.closed) return;
    const mean = 60_000 / this.currentRate;
    this.timer = scheduler.later(mean * (0.5 + random()), () => {
      this.timer = null;
      this.emit();
      this.schedule();
    });
  }

  private emit(): void {
    const { random, log } = this.options;
    const message = nextCustomerMessage(random, this.seenPersonas);
    this.seenPersonas.add(message.personaId);
    const tags = [message.language, message.topic, message.mood, message.public ? 'public' : 'private', ...(message.returning ? ['returning'] : [])];
    log(`traffic: ${message.name} on ${message.kind} (${tags.join(', ')})`);
    this.options
      .say(message.kind, {
        customerId: message.personaId,
        name: message.name,
        handle: message.handle,
        language: message.language,
        text: message.text,
        public: message.public,
      })
      .catch((err: unknown) => log(`! traffic message failed: ${err instanceof Error ? err.message : String(err)}`));
  }
}
