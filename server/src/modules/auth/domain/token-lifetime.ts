const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/**
 * Seconds of a lifetime like `15m`, `12h`, `2d` or `900` (seconds); null when it is not one. The token is
 * signed with this number, so `expiresIn` tells the client exactly what the token says.
 */
export function lifetimeSeconds(text: string): number | null {
  const match = /^(\d{1,9})\s*([smhd])?$/.exec(text.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * UNIT_SECONDS[(match[2] ?? 's') as keyof typeof UNIT_SECONDS];
  return seconds > 0 ? seconds : null;
}
