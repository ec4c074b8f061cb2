import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { InboundJob } from '../../core/queues.js';
import { IngestService } from './ingest.service.js';

@Injectable()
export class InboundProcessor {
  constructor(private readonly ingest: IngestService) {}

  process(job: Job<InboundJob>): Promise<void> {
    return this.ingest.processInbound(job.data);
  }
}
