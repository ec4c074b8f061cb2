import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelEntity } from './channel.entity.js';
import { ChannelRegistry } from './channel-registry.js';
import { ChannelsController } from './channels.controller.js';
import { ChannelsService } from './channels.service.js';
import { PollScheduler } from './poll-scheduler.service.js';
import { WebhookSources } from './webhook-sources.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ChannelEntity])],
  controllers: [ChannelsController],
  providers: [ChannelRegistry, ChannelsService, PollScheduler, WebhookSources],
  exports: [ChannelRegistry, ChannelsService, PollScheduler, WebhookSources],
})
export class ChannelsModule {}
