import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { EventsModule } from '../events/events.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { ConversationClocksService } from './conversation-clocks.service.js';
import { ConversationStatusService } from './conversation-status.service.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationSearchRepository } from './conversation-search.repository.js';
import { ConversationSearchService } from './conversation-search.service.js';
import { ConversationsService } from './conversations.service.js';
import { ConversationsStoreModule } from './conversations-store.module.js';

@Module({
  imports: [ConversationsStoreModule, EventsModule, RoutingModule, SlaModule, CustomersModule, AuditModule],
  controllers: [ConversationsController],
  providers: [ConversationsService, ConversationClocksService, ConversationStatusService, ConversationSearchService, ConversationSearchRepository],
  // Timers (snooze, follow-ups) change status by the same path as agents.
  exports: [ConversationStatusService],
})
export class ConversationsModule {}
