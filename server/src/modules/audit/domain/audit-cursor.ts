const MAX_BIGINT = 2n ** 63n - 1n;

/** Entry ids are bigints: a cursor is one, never beyond what Postgres holds. */
export const isEntryId = (cursor: string): boolean => /^[1-9][0-9]{0,18}$/.test(cursor) && BigInt(cursor) <= MAX_BIGINT;
