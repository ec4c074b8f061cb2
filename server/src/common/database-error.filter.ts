import { ArgumentsHost, Catch, ConflictException, BadRequestException, type ExceptionFilter, HttpException, Logger, ServiceUnavailableException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { RETRY_AFTER_SECONDS, unavailableDependency, unavailableMessage } from './dependency-errors.js';

const logger = new Logger('Dependencies');
let lastWarned = 0;

/**
 * Errors of the data stores that reach a handler. Postgres refusals are the caller's doing: 4xx with the
 * reason. Postgres or Redis not answering is ours and passes: 503 naming the store, with Retry-After, so
 * a platform redelivers the webhook and a client tries again, instead of a 500 or a hanging request.
 */
@Catch()
export class DatabaseErrorFilter extends BaseExceptionFilter implements ExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    if (error instanceof HttpException) return super.catch(error, host);
    const unavailable = unavailableDependency(error);
    if (unavailable) {
      const message = unavailableMessage(unavailable);
      // One line every 10 s: an outage fails every request, the log should not drown in it.
      if (Date.now() - lastWarned > 10_000) {
        lastWarned = Date.now();
        logger.warn(`answering 503: ${message} (${error instanceof Error ? error.message : String(error)})`);
      }
      if (host.getType() === 'http') host.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return super.catch(new ServiceUnavailableException(message), host);
    }
    if (error instanceof QueryFailedError) return super.catch(translate(error as QueryFailedError & { code?: string; constraint?: string }) ?? error, host);
    super.catch(error, host);
  }
}

function translate(error: { code?: string; constraint?: string }): HttpException | null {
  switch (error.code) {
    case '23505':
      return new ConflictException(`Already exists (${error.constraint ?? 'unique constraint'})`);
    case '23503':
      return new BadRequestException('Refers to something that does not exist');
    case '22P02':
    case '22007':
    case '22008':
      return new BadRequestException('A value has the wrong format');
    // A NUL character in text (22021) or in JSON (22P05): Postgres stores neither.
    case '22021':
    case '22P05':
      return new BadRequestException('Text must not contain the NUL character (\\u0000)');
    default:
      return null;
  }
}
