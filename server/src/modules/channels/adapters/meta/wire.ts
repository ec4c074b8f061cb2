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

/** The body of any Meta webhook: `{object, entry[]}`; the checks name the offending path. */
export function metaEnvelope(body: unknown): { object: string; entries: JsonRecord[] } {
  if (!isRecord(body)) throw new MalformedPayloadError('body must be a JSON object');
  const { object, entry } = body;
  if (typeof object !== 'string') throw new MalformedPayloadError('object must be a string');
  if (!Array.isArray(entry)) throw new MalformedPayloadError('entry must be an array');
  const entries = entry.map((item: unknown, index) => {
    if (!isRecord(item) || !asText(item.id)) throw new MalformedPayloadError(`entry[${index}].id must be a non-empty string`);
    return item;
  });
  return { object, entries };
}
