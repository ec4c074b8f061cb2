import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { SlaJob } from '../../core/queues.js';
import { SlaTimersService } from './sla-timers.service.js';

@Injectable()
export class SlaProcessor {
  constructor(private readonly timers: SlaTimersService) {}

  async process(job: Job<SlaJob>): Promise<void> {
    const work = job.data;
    switch (work.type) {
      case 'refresh':
        return this.timers.refresh(work.conversationId);
      case 'breach':
        return this.timers.fire(work.conversationId, work.metric);
      case 'reapply':
        return this.timers.reapplyAll();
    }
  }
}
