import { Module } from '@nestjs/common';
import { OutboundProcessor } from './outbound.processor.js';
import { OutboundStatusService } from './outbound-status.service.js';
import { OutboundService } from './outbound.service.js';
import { ChannelGate } from './channel-gate.service.js';
import { SendReceipts } from './send-receipts.service.js';

@Module({
  providers: [OutboundService, OutboundStatusService, OutboundProcessor, ChannelGate, SendReceipts],
  exports: [OutboundProcessor, OutboundStatusService, OutboundService],
})
export class OutboundModule {}
