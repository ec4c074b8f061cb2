import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ConversationsStoreModule } from '../conversations/conversations-store.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { EventsModule } from '../events/events.module.js';
import { CustomerExportService } from './customer-export.service.js';
import { ErasureService } from './erasure.service.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyRepository } from './privacy.repository.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { RetentionScheduler } from './retention.scheduler.js';
import { RetentionService } from './retention.service.js';

/** Customers' data under their control: export, erasure, and the retention limit. */
@Module({
  imports: [AuditModule, ConversationsStoreModule, CustomersModule, EventsModule],
  controllers: [PrivacyController],
  providers: [PrivacyRepository, CustomerExportService, ErasureService, RetentionService, RetentionScheduler, MaintenanceProcessor],
  exports: [MaintenanceProcessor, RetentionService],
})
export class PrivacyModule {}
