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
