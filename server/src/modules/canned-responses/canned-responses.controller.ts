import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { createCannedResponseBody, listCannedResponsesQuery, updateCannedResponseBody, type CannedResponse, type ListCannedResponsesQuery } from '@rapport/shared';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { schema } from '../../common/json-schema.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CannedResponsesService } from './canned-responses.service.js';

@ApiTags('canned-responses')
@ApiBearerAuth()
@Controller('api/canned-responses')
export class CannedResponsesController {
  constructor(private readonly replies: CannedResponsesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listCannedResponsesQuery)) query: ListCannedResponsesQuery): Promise<CannedResponse[]> {
    return this.replies.list(user, query);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<CannedResponse> {
    return this.replies.get(user, id);
  }

  @Post()
  @Roles('lead', 'admin')
  @ApiBody({ schema: schema(createCannedResponseBody) })
  create(@CurrentUser() user: AuthUser, @Body(new ZodPipe(createCannedResponseBody)) body: z.output<typeof createCannedResponseBody>): Promise<CannedResponse> {
    return this.replies.create(user, body);
  }

  @Patch(':id')
  @Roles('lead', 'admin')
  @ApiBody({ schema: schema(updateCannedResponseBody) })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(updateCannedResponseBody)) body: z.output<typeof updateCannedResponseBody>): Promise<CannedResponse> {
    return this.replies.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('lead', 'admin')
  remove(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.replies.remove(user, id);
  }
}
