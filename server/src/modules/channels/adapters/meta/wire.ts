import { MalformedPayloadError, type IgnoredEvent } from '../../channel-adapter.js';

/** Small readers for webhook JSON of unknown shape: Meta adds fields freely, so nothing is assumed. */
export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

/** A non-empty string, or undefined. Ids stay strings: they can exceed 2^53. */
export function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A platform id as a string: old and third-party payloads send ids as JSON numbers (those beyond 2^53
 * arrive as digit strings already, see exact-json.ts).
 */
export function asId(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  return asText(value);
}

/** What a value is, for a reason that names what was expected and what came. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function wrongType(path: string, expected: string, value: unknown): MalformedPayloadError {
  return new MalformedPayloadError(value === undefined ? `${path}: missing` : `${path}: expected ${expected}, got ${kindOf(value)}`);
}

/** An id that must be there; otherwise a MalformedPayloadError naming its path (the entry becomes a dead letter). */
export function requireId(value: unknown, path: string): string {
  const id = asId(value);
  if (id === undefined) throw wrongType(path, 'string', value === '' ? undefined : value);
  return id;
}

/** An optional string field: absent or null is fine, another type is not. */
export function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(path, 'string', value);
  return value;
}

/** An object that must be there. */
export function requireRecord(value: unknown, path: string): JsonRecord {
  if (!isRecord(value)) throw wrongType(path, 'object', value);
  return value;
}

/** An optional list: absent is empty, another type is not a list. */
export function optionalList(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw wrongType(path, 'array', value);
  return value;
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Epoch in seconds or milliseconds (number or numeric string) as a Date; now when unreadable. */
export function dateFromEpoch(value: unknown, unit: 'ms' | 's'): Date {
  const epoch = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof epoch !== 'number' || !Number.isFinite(epoch)) return new Date();
  return new Date(unit === 's' ? epoch * 1000 : epoch);
}

export function ignored(reason: string): IgnoredEvent {
  return { kind: 'ignored', reason };
}

/** Copies only the defined values, so optional fields stay absent rather than `undefined`. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The body of any Meta webhook: `{object, entry[]}`, or a MalformedPayloadError (the webhook answers 400).
 * The entries are read one by one (metaEntry), so one bad entry does not lose the others.
 */
export function metaEnvelope(body: unknown): { object: string; entries: unknown[] } {
  if (!isRecord(body)) throw new MalformedPayloadError('body must be a JSON object');
  const { object, entry } = body;
  if (typeof object !== 'string') throw new MalformedPayloadError('object must be a string');
  if (!Array.isArray(entry)) throw new MalformedPayloadError('entry must be an array');
  return { object, entries: entry };
}

/** One entry and the account (page, IG account, WABA) it is for; throws for an entry that says neither. */
export function metaEntry(raw: unknown, path: string): { entry: JsonRecord; accountId: string } {
  const entry = requireRecord(raw, path);
  return { entry, accountId: requireId(entry.id, `${path}.id`) };
}
