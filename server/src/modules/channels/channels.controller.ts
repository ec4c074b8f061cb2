import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { createChannelBody, updateChannelBody, type Channel } from '@rapport/shared';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { schema } from '../../common/json-schema.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { Roles } from '../auth/auth.decorators.js';
import { PollScheduler } from './poll-scheduler.service.js';
import { ChannelsService, toChannelDto } from './channels.service.js';


/** Channels are configured at runtime by admins; secrets go in, never come out. */
@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly polls: PollScheduler,
  ) {}

  @Get()
  @Roles('admin', 'manager', 'lead')
  list(): Promise<Channel[]> {
    return this.channels.list();
  }

  @Get(':id')
  @Roles('admin', 'manager', 'lead')
  async get(@Param('id', UuidPipe) id: string): Promise<Channel> {
    return toChannelDto(await this.channels.get(id));
  }

  @Post()
  @Roles('admin')
  @ApiBody({ schema: schema(createChannelBody) })
  async create(@Body(new ZodPipe(createChannelBody)) body: z.output<typeof createChannelBody>): Promise<Channel> {
    const channel = await this.channels.create(body);
    await this.polls.sync(channel);
    return toChannelDto(channel);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiBody({ schema: schema(updateChannelBody) })
  async update(@Param('id', UuidPipe) id: string, @Body(new ZodPipe(updateChannelBody)) body: z.output<typeof updateChannelBody>): Promise<Channel> {
    const channel = await this.channels.update(id, body);
    await this.polls.sync(channel);
    return toChannelDto(channel);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  async remove(@Param('id', UuidPipe) id: string): Promise<void> {
    const channel = await this.channels.remove(id);
    await this.polls.stop(channel.id);
  }
}
