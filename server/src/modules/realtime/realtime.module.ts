import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ConversationsStoreModule } from '../conversations/conversations-store.module.js';
import { EventsModule } from '../events/events.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { EventRelay } from './event-relay.service.js';
import { PresenceService } from './presence.service.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { ViewersService } from './viewers.service.js';

@Module({
  imports: [AuthModule, ConversationsStoreModule, EventsModule, MetricsModule],
  providers: [EventRelay, PresenceService, ViewersService, RealtimeGateway],
  exports: [PresenceService],
})
export class RealtimeModule {}
