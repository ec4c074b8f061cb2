import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** Where a request came from, as the audit log records it. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

interface OriginRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

export function requestOrigin(request: OriginRequest): RequestOrigin {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 500) : null };
}

/** The caller's address and user agent, for routes whose changes are audited. */
export const Origin = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestOrigin => requestOrigin(ctx.switchToHttp().getRequest<OriginRequest>()));
