import { Module } from '@nestjs/common';
import { ConversationsStoreModule } from '../conversations/conversations-store.module.js';
import { EventsModule } from '../events/events.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { ConversationSlaService } from './conversation-sla.service.js';
import { SlaBreachesRepository } from './sla-breaches.repository.js';
import { SlaPoliciesController } from './sla-policies.controller.js';
import { SlaPoliciesService } from './sla-policies.service.js';
import { SlaProcessor } from './sla.processor.js';
import { SlaTimersService } from './sla-timers.service.js';

@Module({
  imports: [ConversationsStoreModule, EventsModule, RoutingModule],
  controllers: [SlaPoliciesController],
  providers: [SlaPoliciesService, SlaBreachesRepository, ConversationSlaService, SlaTimersService, SlaProcessor],
  exports: [SlaPoliciesService, ConversationSlaService, SlaProcessor],
})
export class SlaModule {}
