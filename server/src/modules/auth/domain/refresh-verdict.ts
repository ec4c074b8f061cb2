export interface PresentedToken {
  expiresAt: Date;
  revokedAt: Date | null;
  /** Set when it was exchanged for the next token of its family. */
  replacedById: string | null;
}

/**
 * What to do with a refresh token someone presents. `reused`: it was exchanged before, so a copy is in
 * other hands (or was), and every token of its family must go.
 */
export type RefreshVerdict = 'rotate' | 'unknown' | 'reused' | 'revoked' | 'expired' | 'deactivated';

export function refreshVerdict(token: PresentedToken | null, userActive: boolean, now: Date): RefreshVerdict {
  if (!token) return 'unknown';
  if (token.revokedAt) return token.replacedById ? 'reused' : 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return userActive ? 'rotate' : 'deactivated';
}

/** The 401 message of every verdict but `rotate`. */
export const REFRESH_REFUSALS: Record<Exclude<RefreshVerdict, 'rotate'>, string> = {
  unknown: 'Not a refresh token of this server: sign in again',
  reused: 'This refresh token was used already: every session of that sign-in has ended, sign in again',
  revoked: 'This session has ended: sign in again',
  expired: 'This session has expired: sign in again',
  deactivated: 'This account is deactivated',
};
