import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { LoginThrottledException } from './login-throttle.service.js';

/** Says in Retry-After (seconds) when a locked sign-in may be tried again. */
@Catch(LoginThrottledException)
export class LoginThrottledFilter implements ExceptionFilter {
  catch(error: LoginThrottledException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(error.getStatus()).setHeader('Retry-After', String(error.retryAfterSeconds)).json(error.getResponse());
  }
}
