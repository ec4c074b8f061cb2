import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { DeadLettersController } from './dead-letters.controller.js';
import { DeadLettersService } from './dead-letters.service.js';
import { DeadLettersStoreModule } from './dead-letters-store.module.js';

/** The admin routes over dead letters; retries go through the ingest path like any event. */
@Module({
  imports: [AuditModule, DeadLettersStoreModule, IngestModule, MetricsModule],
  controllers: [DeadLettersController],
  providers: [DeadLettersService],
})
export class DeadLettersModule {}
