import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@rapport/shared';
import { AuthService } from './auth.service.js';
import { IS_PUBLIC, ROLES } from './auth.decorators.js';
import type { AuthUser } from './auth-user.js';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}

/** Every HTTP route needs a valid bearer token unless marked @Public; @Roles narrows it further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = ctx.switchToHttp().getRequest<HttpRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new UnauthorizedException('Missing bearer token');
    const user = await this.auth.authenticate(token);
    if (!user) throw new UnauthorizedException('Invalid or expired token');
    request.user = user;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) throw new ForbiddenException(`This needs one of the roles: ${roles.join(', ')}`);
    return true;
  }
}
