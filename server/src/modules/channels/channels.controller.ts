import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { createChannelBody, updateChannelBody, type Channel } from '@rapport/shared';
import { Origin, type RequestOrigin } from '../../common/request-origin.js';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { schema } from '../../common/json-schema.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { PollScheduler } from './poll-scheduler.service.js';
import { ChannelsService, type ChannelChangeBy } from './channels.service.js';

const by = (user: AuthUser, origin: RequestOrigin): ChannelChangeBy => ({ actor: { id: user.id, email: user.email }, origin });

/** Channels are configured at runtime by admins; secrets go in, never come out. Every change is audited. */
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
    return this.channels.toDto(await this.channels.get(id));
  }

  @Post()
  @Roles('admin')
  @ApiBody({ schema: schema(createChannelBody) })
  async create(@CurrentUser() user: AuthUser, @Origin() origin: RequestOrigin, @Body(new ZodPipe(createChannelBody)) body: z.output<typeof createChannelBody>): Promise<Channel> {
    const channel = await this.channels.create(body, by(user, origin));
    await this.polls.sync(channel);
    return this.channels.toDto(channel);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiBody({ schema: schema(updateChannelBody) })
  async update(
    @CurrentUser() user: AuthUser,
    @Origin() origin: RequestOrigin,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(updateChannelBody)) body: z.output<typeof updateChannelBody>,
  ): Promise<Channel> {
    const channel = await this.channels.update(id, body, by(user, origin));
    await this.polls.sync(channel);
    return this.channels.toDto(channel);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @Origin() origin: RequestOrigin, @Param('id', UuidPipe) id: string): Promise<void> {
    const channel = await this.channels.remove(id, by(user, origin));
    await this.polls.stop(channel.id);
  }
}
