import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { MaintenanceJob } from '../../core/queues.js';
import { RetentionService, type PurgeResult } from './retention.service.js';

/** The `maintenance` queue: the daily retention purge. */
@Injectable()
export class MaintenanceProcessor {
  constructor(private readonly retention: RetentionService) {}

  process(job: Job<MaintenanceJob>): Promise<PurgeResult> {
    switch (job.data.type) {
      case 'retention':
        return this.retention.purge();
    }
  }
}
