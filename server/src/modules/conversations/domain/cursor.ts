import { isUuid } from '../../../common/uuid.pipe.js';

/** Keyset cursor of the inbox list: the (lastMessageAt, id) of the last row on the page, opaque to clients. */
export interface ActivityCursor {
  at: Date;
  id: string;
}

export function encodeCursor(cursor: ActivityCursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(raw: string): ActivityCursor | null {
  const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!at || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : { at: date, id };
}

/**
 * Keyset cursor of search results, ordered by relevance tier (best first), then activity, then id: the
 * last row's three, opaque to clients. Marked apart from the activity cursor, so neither is taken for the other.
 */
export interface SearchCursor extends ActivityCursor {
  tier: number;
}

export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(`search|${cursor.tier}|${cursor.at.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeSearchCursor(raw: string): SearchCursor | null {
  const [mark, tier, at, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (mark !== 'search' || rest.length > 0 || !tier || !/^[1-9]$/.test(tier) || !at || !id || !isUuid(id)) return null;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : { tier: Number(tier), at: date, id };
}
