import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelEntity } from './channel.entity.js';
import { ChannelRegistry } from './channel-registry.js';
import { ChannelsService } from './channels.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ChannelEntity])],
  providers: [ChannelRegistry, ChannelsService],
  exports: [ChannelRegistry, ChannelsService],
})
export class ChannelsModule {}
