import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module.js';
import { ConversationsStoreModule } from '../conversations/conversations-store.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { DeadLettersStoreModule } from '../dead-letters/dead-letters-store.module.js';
import { EventsModule } from '../events/events.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { OutboundModule } from '../outbound/outbound.module.js';
import { InboundProcessor } from './inbound.processor.js';
import { InboundService } from './inbound.service.js';
import { IngestService } from './ingest.service.js';
import { PollProcessor } from './polling/poll.processor.js';
import { PollService } from './polling/poll.service.js';
import { TelegramChannelPicker } from './telegram-channel.picker.js';
import { WebhooksController } from './webhooks.controller.js';

@Module({
  imports: [ChannelsModule, ConversationsStoreModule, CustomersModule, DeadLettersStoreModule, EventsModule, MetricsModule, OutboundModule],
  controllers: [WebhooksController],
  providers: [IngestService, InboundService, InboundProcessor, TelegramChannelPicker, PollService, PollProcessor],
  exports: [IngestService, InboundProcessor, PollProcessor],
})
export class IngestModule {}
