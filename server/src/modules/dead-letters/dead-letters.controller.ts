import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { listDeadLettersQuery, type DeadLetterPage, type DeadLetterRetry, type ListDeadLettersQuery } from '@rapport/shared';
import { Origin, type RequestOrigin } from '../../common/request-origin.js';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { DeadLettersService } from './dead-letters.service.js';

/** Platform events Rapport acknowledged but could not read; admins only (the raw bodies hold customers' words). */
@ApiTags('dead-letters')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  /** Newest first, with the raw body and the count of pending ones. */
  @Get()
  list(@Query(new ZodPipe(listDeadLettersQuery)) query: ListDeadLettersQuery): Promise<DeadLetterPage> {
    return this.deadLetters.list(query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@CurrentUser() user: AuthUser, @Origin() origin: RequestOrigin, @Param('id', UuidPipe) id: string): Promise<DeadLetterRetry> {
    return this.deadLetters.retry(id, { actor: { id: user.id, email: user.email }, origin });
  }
}
