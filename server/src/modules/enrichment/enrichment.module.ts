import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module.js';
import { ConversationsStoreModule } from '../conversations/conversations-store.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { EventsModule } from '../events/events.module.js';
import { ProfileLookupProcessor } from './profile-lookup.processor.js';
import { ProfileLookupService } from './profile-lookup.service.js';

/** Names and avatars from the platforms, looked up after the message is stored and shown. */
@Module({
  imports: [ChannelsModule, ConversationsStoreModule, CustomersModule, EventsModule],
  providers: [ProfileLookupService, ProfileLookupProcessor],
  exports: [ProfileLookupProcessor],
})
export class EnrichmentModule {}
