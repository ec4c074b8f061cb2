import type { INestApplicationContext } from '@nestjs/common';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface.js';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { IncomingMessage } from 'node:http';
import { originAllowed } from './origins.js';

/** Express CORS: headers only for the listed origins (same-origin calls need none). */
export function corsOptions(allowed: readonly string[]): CorsOptions {
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.includes(origin)),
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  };
}

type IoServerOptions = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>;

const headerValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * socket.io with the same rule as the HTTP API: a handshake (polling or websocket) from a page of another,
 * unlisted origin is refused, and polling answers carry CORS headers only for the listed ones.
 */
export class OriginCheckingIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly allowed: readonly string[],
  ) {
    super(app);
  }

  // Typed off IoAdapter: it brings its own copy of socket.io.
  override createIOServer(port: number, options?: IoServerOptions): ReturnType<IoAdapter['createIOServer']> {
    return super.createIOServer(port, {
      ...options,
      cors: { origin: [...this.allowed], credentials: true },
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
        const ok = originAllowed(headerValue(req.headers.origin), [headerValue(req.headers.host), headerValue(req.headers['x-forwarded-host'])], this.allowed);
        callback(ok ? null : 'Origin not allowed', ok);
      },
      // Nest hands over only the gateway's few options; socket.io fills in the rest.
    } as IoServerOptions);
  }
}
