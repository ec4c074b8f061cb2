import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationEntity } from '../conversations/conversation.entity.js';
import { EventRelay } from './event-relay.service.js';
import { EventsService } from './events.service.js';
import { PresenceService } from './presence.service.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { ViewersService } from './viewers.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ConversationEntity])],
  providers: [EventsService, EventRelay, PresenceService, ViewersService, RealtimeGateway],
  exports: [EventsService, PresenceService, EventRelay],
})
export class RealtimeModule {}
