import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { RoutingJob } from '../../core/queues.js';
import { RoutingService } from './routing.service.js';

@Injectable()
export class RoutingProcessor {
  constructor(private readonly routing: RoutingService) {}

  async process(job: Job<RoutingJob>): Promise<void> {
    const work = job.data;
    switch (work.type) {
      case 'route':
        await this.routing.route(work.conversationId);
        return;
      case 'drain-team':
        await this.routing.drainTeam(work.teamId);
        return;
      case 'drain-agent':
        await this.routing.drainForAgent(work.userId);
        return;
      case 'agent-offline':
        await this.routing.agentWentOffline(work.userId, work.since);
        return;
      case 'agent-deactivated':
        await this.routing.agentDeactivated(work.userId);
        return;
    }
  }
}
