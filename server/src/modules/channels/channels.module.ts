import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { AuditModule } from '../audit/audit.module.js';
import { ChannelCache } from './channel-cache.service.js';
import { secretBoxFrom } from './channel-secrets.js';
import { ChannelSecrets } from './channel-secrets.service.js';
import { ChannelEntity } from './channel.entity.js';
import { ChannelRegistry } from './channel-registry.js';
import { ChannelsController } from './channels.controller.js';
import { ChannelsService } from './channels.service.js';
import { PollScheduler } from './poll-scheduler.service.js';
import { SecretBox } from './secret-box.js';
import { WebhookSources } from './webhook-sources.js';

@Module({
  imports: [TypeOrmModule.forFeature([ChannelEntity]), AuditModule],
  controllers: [ChannelsController],
  providers: [
    { provide: SecretBox, useFactory: (config: AppConfig) => secretBoxFrom(config), inject: [CONFIG] },
    ChannelSecrets,
    ChannelCache,
    ChannelRegistry,
    ChannelsService,
    PollScheduler,
    WebhookSources,
  ],
  exports: [ChannelRegistry, ChannelsService, PollScheduler, WebhookSources],
})
export class ChannelsModule {}
