import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** Which page a policy is for: the built client, the Swagger UI, or Bull Board. */
export type PagePolicy = 'app' | 'docs' | 'board';

/** The Swagger UI and Bull Board bring inline styles (and the board Google Fonts); the client needs neither. */
export function policyFor(path: string): PagePolicy {
  if (/^\/api\/docs(\/|$)/.test(path)) return 'docs';
  if (/^\/admin\/queues(\/|$)/.test(path)) return 'board';
  return 'app';
}

/** A Host header fit to put into a header value; anything odd drops the ws:/wss: sources ('self' still covers them in current browsers). */
function safeHost(host: string | undefined): string | null {
  return host && /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host) ? host.toLowerCase() : null;
}

/**
 * The Content-Security-Policy of one response. Scripts only from this origin, nothing may frame the
 * pages, images also from the platforms' CDNs (customer attachments), and the socket.io connection to
 * this host over ws/wss.
 */
export function contentSecurityPolicy(page: PagePolicy, options: { host?: string; https: boolean }): string {
  const host = safeHost(options.host);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(host ? [`ws://${host}`, `wss://${host}`] : [])],
    'media-src': ["'self'", 'data:', 'blob:', 'https:'],
    'manifest-src': ["'self'"],
    'worker-src': ["'self'"],
  };
  if (page === 'docs') directives['style-src'] = ["'self'", "'unsafe-inline'"];
  if (page === 'board') {
    directives['style-src'] = ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'];
    directives['font-src'] = ["'self'", 'data:', 'https://fonts.gstatic.com'];
  }
  // Over plain http (a laptop, a LAN address) an upgrade would point every asset at a port with no TLS.
  if (options.https) directives['upgrade-insecure-requests'] = [];
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

interface SecureRequest extends IncomingMessage {
  path?: string;
  secure?: boolean;
}

/** TLS here, or at a proxy in front that says so. Browsers ignore HSTS over plain http anyway. */
export function servedOverHttps(req: SecureRequest): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return req.secure === true || proto === 'https';
}

const HSTS = `max-age=${180 * 24 * 3600}; includeSubDomains`;

/**
 * helmet's headers (nosniff, X-Frame-Options DENY, Referrer-Policy, CORP/COOP, no X-Powered-By) plus our
 * own CSP per page and HSTS only over https.
 */
export function securityHeaders(): (req: SecureRequest, res: ServerResponse, next: (err?: unknown) => void) => void {
  const base = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  // A policy is the same for every request of a page, host and scheme: built once, not per request.
  const policies = new Map<string, string>();
  const policyOf = (page: PagePolicy, host: string | undefined, https: boolean): string => {
    const key = `${page} ${https ? 's' : ''} ${host ?? ''}`;
    let policy = policies.get(key);
    if (policy === undefined) {
      // Hosts come from callers: a bounded memory, whatever they send.
      if (policies.size >= 256) policies.clear();
      policy = contentSecurityPolicy(page, { ...(host ? { host } : {}), https });
      policies.set(key, policy);
    }
    return policy;
  };
  return (req, res, next) => {
    const https = servedOverHttps(req);
    // The host the browser sees: a proxy that rewrites Host says it in X-Forwarded-Host.
    const forwardedHost = req.headers['x-forwarded-host'];
    const host = (Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost)?.split(',')[0]?.trim() || req.headers.host;
    const page = policyFor(req.path ?? req.url ?? '/');
    res.setHeader('Content-Security-Policy', policyOf(page, host, https));
    if (https) res.setHeader('Strict-Transport-Security', HSTS);
    if (page === 'board') hidePoweredByOfSubApps(res);
    base(req, res, next);
  };
}

/** Bull Board is an Express app of its own and sets X-Powered-By again; strip it as the headers go out. */
function hidePoweredByOfSubApps(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    this.removeHeader('X-Powered-By');
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}
