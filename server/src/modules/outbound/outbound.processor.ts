import { Injectable } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import type { OutboundJob } from '../../core/queues.js';
import { OutboundService } from './outbound.service.js';

export class RetryableSendError extends Error {}

@Injectable()
export class OutboundProcessor {
  constructor(private readonly outbound: OutboundService) {}

  async process(job: Job<OutboundJob>, token?: string): Promise<void> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await this.outbound.deliver(job.data.messageId, finalAttempt);
    if (outcome.result !== 'retry') return;
    if (outcome.retryAfterMs && token) {
      // The platform said when: wait exactly that long instead of the exponential guess.
      await job.moveToDelayed(Date.now() + outcome.retryAfterMs, token);
      throw new DelayedError();
    }
    throw new RetryableSendError(outcome.reason);
  }
}
