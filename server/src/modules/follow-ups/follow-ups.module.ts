import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { ConversationsStoreModule } from '../conversations/conversations-store.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { EventsModule } from '../events/events.module.js';
import { FollowUpsController } from './follow-ups.controller.js';
import { FollowUpsRepository } from './follow-ups.repository.js';
import { FollowUpsService } from './follow-ups.service.js';
import { TimersProcessor } from './timers.processor.js';

@Module({
  imports: [ConversationsModule, ConversationsStoreModule, CustomersModule, EventsModule],
  controllers: [FollowUpsController],
  providers: [FollowUpsRepository, FollowUpsService, TimersProcessor],
  exports: [TimersProcessor],
})
export class FollowUpsModule {}
