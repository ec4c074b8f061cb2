import { ArgumentsHost, Catch, ConflictException, BadRequestException, type ExceptionFilter, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';

/** Postgres refusals that reach a handler are the caller's doing: answer 4xx with the reason, not 500. */
@Catch(QueryFailedError)
export class DatabaseErrorFilter extends BaseExceptionFilter implements ExceptionFilter {
  override catch(error: QueryFailedError & { code?: string; constraint?: string }, host: ArgumentsHost): void {
    super.catch(translate(error) ?? error, host);
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
