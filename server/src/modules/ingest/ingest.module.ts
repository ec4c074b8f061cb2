import { Module } from '@nestjs/common';
import { OutboundModule } from '../outbound/outbound.module.js';
import { InboundProcessor } from './inbound.processor.js';
import { InboundService } from './inbound.service.js';
import { IngestService } from './ingest.service.js';
import { WebhooksController } from './webhooks.controller.js';
import { TelegramChannelPicker } from './telegram-channel.picker.js';
import { PollService } from './polling/poll.service.js';
import { PollProcessor } from './polling/poll.processor.js';

@Module({
  imports: [OutboundModule],
  controllers: [WebhooksController],
  providers: [IngestService, InboundService, InboundProcessor, TelegramChannelPicker, PollService, PollProcessor],
  exports: [InboundProcessor, PollProcessor],
})
export class IngestModule {}
