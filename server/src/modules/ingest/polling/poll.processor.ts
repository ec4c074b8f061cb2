import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { PollJob } from '../../../core/queues.js';
import { PollService } from './poll.service.js';

@Injectable()
export class PollProcessor {
  constructor(private readonly polls: PollService) {}

  async process(job: Job<PollJob>): Promise<void> {
    await this.polls.poll(job.data.channelId);
  }
}
