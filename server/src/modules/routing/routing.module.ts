import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ChannelsModule } from '../channels/channels.module.js';
import { ConversationsStoreModule } from '../conversations/conversations-store.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { EventsModule } from '../events/events.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { AgentsService } from './agents.service.js';
import { AgentsController, TeamsController } from './routing.controller.js';
import { RoutingProcessor } from './routing.processor.js';
import { RoutingService } from './routing.service.js';
import { TeamsService } from './teams.service.js';

@Module({
  imports: [AuditModule, ChannelsModule, ConversationsStoreModule, CustomersModule, EventsModule, MetricsModule, RealtimeModule],
  controllers: [AgentsController, TeamsController],
  providers: [RoutingService, RoutingProcessor, AgentsService, TeamsService],
  exports: [RoutingService, RoutingProcessor],
})
export class RoutingModule {}
