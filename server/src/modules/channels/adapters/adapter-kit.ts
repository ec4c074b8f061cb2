import { z } from 'zod';
import { describeIssues } from '../../../common/zod.pipe.js';
import { MalformedPayloadError, PlatformError, type ChannelContext, type ErrorVerdict, type InboundItem, type UnreadableEvent } from '../channel-adapter.js';

/**
 * Small helpers shared by the polled platforms (X, Telegram, Mastodon): payload validation, config
 * access, opaque-id ordering, rate-limit pauses, and a JSON request that also returns the headers.
 */

/** When a platform says "slow down" without saying until when. */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 60_000;

/**
 * An id platforms document as a string but some servers send as a JSON number (those beyond 2^53 arrive
 * as digit strings already, see exact-json.ts): read as a string either way.
 */
export const platformIdSchema = z.union([z.string().min(1), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).transform(String)]);

/** Validates one platform object; a mismatch is a MalformedPayloadError naming the field. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new MalformedPayloadError(`${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export function unreadable(reason: string, page?: unknown): UnreadableEvent {
  return { kind: 'unreadable', reason, ...(page !== undefined ? { raw: JSON.stringify(page) } : {}) };
}

/**
 * One entry of a batch or a polled page: when it cannot be read it becomes an unreadable item (a dead
 * letter) and the rest is read on; for polls the cursor moves past it, since its `page` is kept.
 */
export function itemsOrUnreadable(read: () => InboundItem[], page?: unknown): InboundItem[] {
  try {
    return read();
  } catch (err) {
    if (err instanceof MalformedPayloadError) return [unreadable(err.message, page)];
    throw err;
  }
}

export function itemOrUnreadable(read: () => InboundItem, page?: unknown): InboundItem {
  return itemsOrUnreadable(() => [read()], page)[0]!;
}

/**
 * A poll answer that is not what the platform documents (a proxy's page, an API change): worth another
 * try, and said as it is rather than as a network error.
 */
export function unreadableAnswer(platform: string, error: MalformedPayloadError): ErrorVerdict {
  return { retry: true, reason: `${platform} answered in a shape Rapport cannot read: ${error.message}` };
}

/** A non-empty string setting of the channel's config, if there is one. */
export function configString(channel: ChannelContext, key: string): string | undefined {
  const value = channel.config[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The first configured base URL, without trailing slash, so paths can be appended as `/…`. */
export function baseUrlOf(...candidates: Array<string | undefined>): string {
  const base = candidates.find((c): c is string => typeof c === 'string' && c !== '');
  if (!base) throw new Error('channel has no base URL');
  return base.replace(/\/+$/, '');
}

/** A secret the channel cannot work without; its absence is a permanent (401-like) failure. */
export function requireSecret(channel: ChannelContext, name: string): string {
  const value = channel.secrets[name];
  if (!value) throw new PlatformError(`channel has no ${name}`, 401);
  return value;
}

/**
 * Orders numeric-string ids (X snowflakes, Mastodon ids) without turning them into numbers, which would
 * lose precision beyond 2^53: the longer id is newer, then lexical order.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The newest of some ids and a starting value (null when there is none). */
export function newestId(ids: Iterable<string>, start: string | null = null): string | null {
  let newest = start;
  for (const id of ids) if (newest === null || compareIds(id, newest) > 0) newest = id;
  return newest;
}

/** Milliseconds until a reset instant (epoch ms); at least 1 s so a pause is never a no-op. */
export function msUntil(resetAtMs: number, now: number = Date.now()): number {
  return Math.max(1000, Math.ceil(resetAtMs - now));
}

