import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { ProfileJob } from '../../core/queues.js';
import { ProfileLookupService } from './profile-lookup.service.js';

@Injectable()
export class ProfileLookupProcessor {
  constructor(private readonly lookups: ProfileLookupService) {}

  async process(job: Job<ProfileJob>): Promise<void> {
    await this.lookups.lookUp(job.data);
  }
}
