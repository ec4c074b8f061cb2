import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { createFollowUpBody, listFollowUpsQuery, type FollowUp, type ListFollowUpsQuery, type Page } from '@rapport/shared';
import { schema } from '../../common/json-schema.js';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { FollowUpsService } from './follow-ups.service.js';

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('api')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post('conversations/:id/follow-ups')
  @ApiBody({ schema: schema(createFollowUpBody) })
  create(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(createFollowUpBody)) body: z.output<typeof createFollowUpBody>): Promise<FollowUp> {
    return this.followUps.create(user, id, body);
  }

  /** Due and upcoming, soonest first: `assignee=me|<userId>|all`, or one conversation's with `conversationId`. */
  @Get('follow-ups')
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listFollowUpsQuery)) query: ListFollowUpsQuery): Promise<Page<FollowUp>> {
    return this.followUps.list(user, query);
  }

  /** Extension: calls off a scheduled follow-up, or dismisses one that came due. */
  @Delete('follow-ups/:id')
  @HttpCode(204)
  cancel(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.followUps.cancel(user, id);
  }
}
