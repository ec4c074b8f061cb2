import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelCache } from './channel-cache.service.js';
import { ChannelEntity } from './channel.entity.js';
import { ChannelRegistry } from './channel-registry.js';
import { ChannelsController } from './channels.controller.js';
import { ChannelsService } from './channels.service.js';
import { PollScheduler } from './poll-scheduler.service.js';
import { WebhookSources } from './webhook-sources.js';

@Module({
  imports: [TypeOrmModule.forFeature([ChannelEntity])],
  controllers: [ChannelsController],
  providers: [ChannelCache, ChannelRegistry, ChannelsService, PollScheduler, WebhookSources],
  exports: [ChannelRegistry, ChannelsService, PollScheduler, WebhookSources],
})
export class ChannelsModule {}
