/** Shorter ids (a small number) would match unrelated digits in a raw body. */
const MIN_ID_LENGTH = 6;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A Postgres regular expression that finds any of these platform ids as a whole token in a raw platform
 * body (`"id":"34600123456"`, `"id":123456789,`), never inside a longer id; null when no id is long enough
 * to be told apart.
 */
export function platformIdPattern(externalIds: string[]): string | null {
  const ids = [...new Set(externalIds.filter((id) => id.length >= MIN_ID_LENGTH))].sort();
  if (ids.length === 0) return null;
  return `(^|[^0-9A-Za-z_])(${ids.map(escape).join('|')})($|[^0-9A-Za-z_])`;
}
