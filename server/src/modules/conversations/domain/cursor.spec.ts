import { describe, expect, it } from '@jest/globals';
import { decodeCursor, decodeSearchCursor, encodeCursor, encodeSearchCursor } from './cursor.js';

const ID = '3f2a1c4e-9b7d-4e2a-8c1f-0a9b8c7d6e5f';

describe('activity cursor', () => {
  it.each([
    ['a plain instant', new Date('2024-05-01T10:00:00.000Z')],
    ['milliseconds', new Date('2024-05-01T10:00:00.123Z')],
    ['the epoch', new Date(0)],
  ])('round-trips %s', (_what, at) => {
    const decoded = decodeCursor(encodeCursor({ at, id: ID }));
    expect(decoded).toEqual({ at, id: ID });
    expect(decoded!.at.getTime()).toBe(at.getTime());
  });

  it('keeps an uppercase id as it was', () => {
    expect(decodeCursor(encodeCursor({ at: new Date(1), id: ID.toUpperCase() }))?.id).toBe(ID.toUpperCase());
  });

  it('is opaque and safe in a URL', () => {
    const cursor = encodeCursor({ at: new Date('2024-05-01T10:00:00.000Z'), id: ID });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(ID);
  });

  const b64 = (text: string) => Buffer.from(text).toString('base64url');

  it.each([
    ['an empty string', ''],
    ['garbage', 'not-a-cursor'],
    ['random base64', b64('hello world')],
    ['no id', b64('2024-05-01T10:00:00.000Z|')],
    ['no date', b64(`|${ID}`)],
    ['a bad date', b64(`yesterday|${ID}`)],
    ['an id that is not a uuid', b64('2024-05-01T10:00:00.000Z|42')],
    ['an id with SQL in it', b64("2024-05-01T10:00:00.000Z|' OR 1=1 --------------------------")],
    ['swapped parts', b64(`${ID}|2024-05-01T10:00:00.000Z`)],
  ])('decodes %s to null', (_what, raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });
});

describe('search cursor', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const at = new Date('2024-05-01T10:00:00.123Z');

  it.each([1, 2, 3])('round-trips tier %i', (tier) => {
    expect(decodeSearchCursor(encodeSearchCursor({ tier, at, id: ID }))).toEqual({ tier, at, id: ID });
  });

  it.each([
    ['an activity cursor', encodeCursor({ at, id: ID })],
    ['no mark', b64(`2|${at.toISOString()}|${ID}`)],
    ['tier 0', b64(`search|0|${at.toISOString()}|${ID}`)],
    ['a tier that is not a digit', b64(`search|x|${at.toISOString()}|${ID}`)],
    ['a bad date', b64(`search|2|soon|${ID}`)],
    ['an id that is not a uuid', b64(`search|2|${at.toISOString()}|42`)],
    ['extra parts', b64(`search|2|${at.toISOString()}|${ID}|more`)],
    ['garbage', 'not-a-cursor'],
  ])('decodes %s to null', (_what, raw) => {
    expect(decodeSearchCursor(raw)).toBeNull();
  });

  it('is not read as an activity cursor', () => {
    expect(decodeCursor(encodeSearchCursor({ tier: 2, at, id: ID }))).toBeNull();
  });
});
