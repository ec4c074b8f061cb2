import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  assignBody,
  bulkAssignBody,
  listConversationsQuery,
  listMessagesQuery,
  sendMessageBody,
  setStatusBody,
  updateConversationBody,
  type AssignBody,
  type Assignment,
  type Conversation,
  type ConversationMetrics,
  type ListConversationsQuery,
  type ListMessagesQuery,
  type Message,
  type Page,
  type SendCheck,
  type SetStatusBody,
} from '@rapport/shared';
import { Origin, type RequestOrigin } from '../../common/request-origin.js';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { schema } from '../../common/json-schema.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ConversationClocksService } from './conversation-clocks.service.js';
import { ConversationsService } from './conversations.service.js';


@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly clocks: ConversationClocksService,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listConversationsQuery)) query: ListConversationsQuery): Promise<Page<Conversation>> {
    return this.conversations.list(user, query);
  }

  @Post('assign')
  @HttpCode(200)
  @ApiBody({ schema: schema(bulkAssignBody) })
  assignMany(@CurrentUser() user: AuthUser, @Origin() origin: RequestOrigin, @Body(new ZodPipe(bulkAssignBody)) body: z.output<typeof bulkAssignBody>): Promise<{ items: Conversation[] }> {
    return this.conversations.assignMany(user, body, origin);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<Conversation> {
    return this.conversations.get(user, id);
  }

  /** Extension: the conversation's tags, edited by whoever can see it. */
  @Patch(':id')
  @ApiBody({ schema: schema(updateConversationBody) })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(updateConversationBody)) body: z.output<typeof updateConversationBody>): Promise<Conversation> {
    return this.conversations.setTags(user, id, body.tags);
  }

  /** The response-time clocks of each cycle, with why each started, paused and stopped. */
  @Get(':id/metrics')
  metrics(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<ConversationMetrics> {
    return this.clocks.of(user, id);
  }

  /** Extension: the composer asks before a public reply (doNotContact refuses it, contact hours warn). */
  @Get(':id/send-check')
  sendCheck(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<SendCheck> {
    return this.conversations.sendCheck(user, id);
  }

  @Get(':id/messages')
  messages(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Query(new ZodPipe(listMessagesQuery)) query: ListMessagesQuery): Promise<{ items: Message[] }> {
    return this.conversations.messages(user, id, query);
  }

  @Post(':id/messages')
  @ApiBody({ schema: schema(sendMessageBody) })
  reply(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(sendMessageBody)) body: z.output<typeof sendMessageBody>): Promise<Message> {
    return this.conversations.reply(user, id, body);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiBody({ schema: schema(assignBody) })
  assign(@CurrentUser() user: AuthUser, @Origin() origin: RequestOrigin, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(assignBody)) body: AssignBody): Promise<Conversation> {
    return this.conversations.assign(user, id, body, origin);
  }

  @Get(':id/assignments')
  assignments(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<{ items: Assignment[] }> {
    return this.conversations.assignments(user, id);
  }

  @Post(':id/read')
  @HttpCode(200)
  markRead(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<Conversation> {
    return this.conversations.markRead(user, id);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiBody({ schema: schema(setStatusBody) })
  setStatus(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(setStatusBody)) body: SetStatusBody): Promise<Conversation> {
    return this.conversations.setStatus(user, id, body);
  }
}
