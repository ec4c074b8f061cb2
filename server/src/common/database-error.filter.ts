import { ArgumentsHost, Catch, ConflictException, BadRequestException, type ExceptionFilter, HttpException, Logger, ServiceUnavailableException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { RETRY_AFTER_SECONDS, unavailableDependency, unavailableMessage } from './dependency-errors.js';

const logger = new Logger('Dependencies');
let lastWarned = 0;

/** A data store's error as the refusal it means for the caller, with the seconds to wait when it is ours. */
export interface StoreRefusal {
  exception: HttpException;
  retryAfterSeconds?: number;
}

/**
 * Errors of the data stores. Postgres refusals are the caller's doing: 4xx with the reason. Postgres or
 * Redis not answering is ours and passes: 503 naming the store, with Retry-After, so a platform
 * redelivers the webhook and a client tries again, instead of a 500 or a hanging request. Null for any
 * other error.
 */
export function storeRefusal(error: unknown): StoreRefusal | null {
  const unavailable = unavailableDependency(error);
  if (unavailable) {
    const message = unavailableMessage(unavailable);
    // One line every 10 s: an outage fails every request, the log should not drown in it.
    if (Date.now() - lastWarned > 10_000) {
      lastWarned = Date.now();
      logger.warn(`answering 503: ${message} (${error instanceof Error ? error.message : String(error)})`);
    }
    return { exception: new ServiceUnavailableException(message), retryAfterSeconds: RETRY_AFTER_SECONDS };
  }
  const refused = error instanceof QueryFailedError ? translate(error as QueryFailedError & { code?: string; constraint?: string }) : null;
  return refused ? { exception: refused } : null;
}

/** Store errors that reach a handler, answered as storeRefusal says; anything else as Nest would. */
@Catch()
export class DatabaseErrorFilter extends BaseExceptionFilter implements ExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    if (error instanceof HttpException) return super.catch(error, host);
    const refusal = storeRefusal(error);
    if (!refusal) return super.catch(error, host);
    if (refusal.retryAfterSeconds !== undefined && host.getType() === 'http') host.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(refusal.retryAfterSeconds));
    super.catch(refusal.exception, host);
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
