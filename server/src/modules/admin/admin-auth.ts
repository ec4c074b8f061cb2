import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { requestOrigin } from '../../common/request-origin.js';
import { AuthService } from '../auth/auth.service.js';
import { LoginThrottledException } from '../auth/login-throttle.service.js';

export const ADMIN_REALM = 'Basic realm="Rapport admin"';

/**
 * A verified Basic header is trusted this long: the dashboard polls every few seconds and fetches its
 * assets one by one, and each argon2 check costs tens of milliseconds and megabytes of memory. The user
 * is still read on every request, so a deactivation or a new role applies at once.
 */
const VERIFIED_TTL_MS = 30_000;
const VERIFIED_MAX = 100;

type Verdict = 'admin' | 'forbidden' | 'cross-site' | 'unauthorized' | { throttled: LoginThrottledException };

const REFUSALS: Record<'forbidden' | 'cross-site', string> = {
  forbidden: 'This page is for admins only',
  'cross-site': 'Open the queue dashboard from its own address',
};

/** Browsers send remembered Basic credentials along with other sites' requests too: those are refused. */
function crossSite(req: Request): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/**
 * Admins only, for pages a browser opens directly (no bearer token to send): HTTP Basic with an admin's
 * email and password, or an admin's bearer token. 401 asks the browser for credentials; 403 is a
 * signed-in user who is not an admin, or another site's request.
 */
export function adminOnly(auth: AuthService): RequestHandler {
  /** Header hash → the user it verified as, until when. */
  const verified = new Map<string, { userId: string; until: number }>();

  const basic = async (req: Request, encoded: string): Promise<Verdict> => {
    const key = createHash('sha256').update(encoded).digest('hex');
    const known = verified.get(key);
    if (known && known.until > Date.now()) {
      const user = await auth.loadUser(known.userId);
      if (!user) return 'unauthorized';
      return user.role === 'admin' ? 'admin' : 'forbidden';
    }
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return 'unauthorized';
    // Throttled and audited like the login page: the board must not be a side door for guessing passwords.
    const user = await auth
      .verifyDashboardSignIn(decoded.slice(0, colon), decoded.slice(colon + 1), requestOrigin(req))
      .catch((err: unknown) => (err instanceof LoginThrottledException ? err : null));
    if (user === null) return 'unauthorized';
    if (user instanceof LoginThrottledException) return { throttled: user };
    if (user.role !== 'admin') return 'forbidden';
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(key, { userId: user.id, until: Date.now() + VERIFIED_TTL_MS });
    return 'admin';
  };

  const bearer = async (token: string): Promise<Verdict> => {
    const user = await auth.authenticate(token);
    if (!user) return 'unauthorized';
    return user.role === 'admin' ? 'admin' : 'forbidden';
  };

  const check = (req: Request): Promise<Verdict> => {
    const [scheme, value] = req.headers.authorization?.trim().split(/\s+/, 2) ?? [];
    if (!value) return Promise.resolve('unauthorized');
    if (/^basic$/i.test(scheme!)) return crossSite(req) ? Promise.resolve('cross-site') : basic(req, value);
    if (/^bearer$/i.test(scheme!)) return bearer(value);
    return Promise.resolve('unauthorized');
  };

  return (req: Request, res: Response, next: NextFunction) => {
    check(req).then((verdict) => {
      if (verdict === 'admin') return next();
      if (typeof verdict === 'object') {
        return void res.status(429).set('Retry-After', String(verdict.throttled.retryAfterSeconds)).type('text/plain').send(verdict.throttled.message);
      }
      if (verdict !== 'unauthorized') return void res.status(403).type('text/plain').send(REFUSALS[verdict]);
      res.status(401).set('WWW-Authenticate', ADMIN_REALM).type('text/plain').send('Sign in with an admin account');
    }, next);
  };
}
