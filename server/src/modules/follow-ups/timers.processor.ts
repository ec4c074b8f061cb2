import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { TimerJob } from '../../core/queues.js';
import { ConversationStatusService } from '../conversations/conversation-status.service.js';
import { FollowUpsService } from './follow-ups.service.js';

/** The `timers` queue: snoozes that end and follow-ups that come due, each a delayed job. */
@Injectable()
export class TimersProcessor {
  constructor(
    private readonly statuses: ConversationStatusService,
    private readonly followUps: FollowUpsService,
  ) {}

  async process(job: Job<TimerJob>): Promise<void> {
    const work = job.data;
    switch (work.type) {
      case 'snooze-wake':
        await this.statuses.wake(work.conversationId, new Date(work.snoozedUntil));
        return;
      case 'follow-up-due':
        await this.followUps.fire(work.followUpId);
        return;
    }
  }
}
