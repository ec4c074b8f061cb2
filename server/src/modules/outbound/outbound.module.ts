import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module.js';
import { ConversationsStoreModule } from '../conversations/conversations-store.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { EventsModule } from '../events/events.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { ChannelGate } from './channel-gate.service.js';
import { OutboundProcessor } from './outbound.processor.js';
import { OutboundStatusService } from './outbound-status.service.js';
import { OutboundService } from './outbound.service.js';
import { OutboundSendsRepository } from './outbound-sends.repository.js';
import { SendReceipts } from './send-receipts.service.js';

@Module({
  imports: [ChannelsModule, ConversationsStoreModule, CustomersModule, EventsModule, MetricsModule],
  providers: [OutboundService, OutboundStatusService, OutboundProcessor, ChannelGate, SendReceipts, OutboundSendsRepository],
  exports: [OutboundProcessor, OutboundStatusService, OutboundService],
})
export class OutboundModule {}
