import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@rapport/shared';
import type { AuthUser } from './auth-user.js';

export const IS_PUBLIC = 'rapport:public';
export const ROLES = 'rapport:roles';

/** Open to callers without a bearer token (login, health, webhooks: those verify signatures instead). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to these roles; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const request = ctx.switchToHttp().getRequest<{ user: AuthUser }>();
  return request.user;
});
