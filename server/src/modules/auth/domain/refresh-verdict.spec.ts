import { describe, expect, it } from '@jest/globals';
import { refreshVerdict, type PresentedToken, type RefreshVerdict } from './refresh-verdict.js';

const NOW = new Date('2026-05-01T12:00:00Z');
const LATER = new Date('2026-05-15T12:00:00Z');
const EARLIER = new Date('2026-05-01T11:00:00Z');
const live: PresentedToken = { expiresAt: LATER, revokedAt: null, replacedById: null };

describe('refreshVerdict', () => {
  it.each<[string, PresentedToken | null, boolean, RefreshVerdict]>([
    ['a live token of an active user is exchanged', live, true, 'rotate'],
    ['a token this server never issued', null, true, 'unknown'],
    ['a token exchanged before comes back: theft', { ...live, revokedAt: EARLIER, replacedById: 'next' }, true, 'reused'],
    ['a token exchanged before, even of a deactivated user, still revokes its family', { ...live, revokedAt: EARLIER, replacedById: 'next' }, false, 'reused'],
    ['a token revoked by a sign-out', { ...live, revokedAt: EARLIER }, true, 'revoked'],
    ['an expired token', { ...live, expiresAt: EARLIER }, true, 'expired'],
    ['a token expiring this very moment', { ...live, expiresAt: NOW }, true, 'expired'],
    ['a live token of a deactivated user', live, false, 'deactivated'],
  ])('%s → %s', (_what, token, active, verdict) => {
    expect(refreshVerdict(token, active, NOW)).toBe(verdict);
  });
});
