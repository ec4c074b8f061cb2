import { Module } from '@nestjs/common';
import { OutboundModule } from '../outbound/outbound.module.js';
import { InboundProcessor } from './inbound.processor.js';
import { InboundService } from './inbound.service.js';
import { IngestService } from './ingest.service.js';
import { WebhooksController } from './webhooks.controller.js';

@Module({
  imports: [OutboundModule],
  controllers: [WebhooksController],
  providers: [IngestService, InboundService, InboundProcessor],
  exports: [InboundProcessor],
})
export class IngestModule {}
