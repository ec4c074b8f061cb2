import { Module } from '@nestjs/common';
import { OutboundProcessor } from './outbound.processor.js';
import { OutboundStatusService } from './outbound-status.service.js';
import { OutboundService } from './outbound.service.js';

@Module({
  providers: [OutboundService, OutboundStatusService, OutboundProcessor],
  exports: [OutboundProcessor, OutboundStatusService, OutboundService],
})
export class OutboundModule {}
