import { createHash } from 'node:crypto';
import { CHANNEL_KINDS, type ChannelKind } from '@rapport/shared';
import type { InboundSource } from '../../core/queues.js';

/** Where a dead letter came from, and so how a retry reads it again. */
export type DeadLetterOrigin = { via: 'webhook'; source: Exclude<InboundSource, 'poll'> } | { via: 'poll'; kind: ChannelKind };

const WEBHOOK_SOURCES: ReadonlyArray<Exclude<InboundSource, 'poll'>> = ['api', 'meta', 'whatsapp', 'x', 'telegram'];

/** `webhook:meta`, `poll:telegram`, …: the `source` column. */
export function sourceName(origin: DeadLetterOrigin): string {
  return origin.via === 'webhook' ? `webhook:${origin.source}` : `poll:${origin.kind}`;
}

/** The origin a `source` column names; null for one this version does not read. */
export function originOf(source: string): DeadLetterOrigin | null {
  const [via, name, ...rest] = source.split(':');
  if (rest.length > 0 || !name) return null;
  if (via === 'webhook') return (WEBHOOK_SOURCES as readonly string[]).includes(name) ? { via, source: name as Exclude<InboundSource, 'poll'> } : null;
  if (via === 'poll') return (CHANNEL_KINDS as readonly string[]).includes(name) ? { via, kind: name as ChannelKind } : null;
  return null;
}

/** The channel kind an origin is for; a Meta body that cannot be read at all says neither page nor Instagram. */
export function kindOfOrigin(origin: DeadLetterOrigin): ChannelKind {
  if (origin.via === 'poll') return origin.kind;
  return origin.source === 'meta' ? 'facebook' : origin.source;
}

/** Long enough for every problem of a big batch to be told; longer lists end with how many more there were. */
export const MAX_REASON_LENGTH = 2000;

/** One reason for a body with several unreadable entries: each problem once, in the order met. */
export function joinReasons(reasons: readonly string[]): string {
  const unique = [...new Set(reasons.map((r) => r.trim()).filter((r) => r !== ''))];
  if (unique.length === 0) return 'unreadable';
  let text = '';
  for (let i = 0; i < unique.length; i++) {
    const next = text === '' ? unique[i]! : `${text}; ${unique[i]}`;
    const left = unique.length - i - 1;
    const suffix = left > 0 ? `; and ${left} more` : '';
    if (next.length + suffix.length > MAX_REASON_LENGTH) {
      const remaining = unique.length - i;
      return text === '' ? `${unique[i]!.slice(0, MAX_REASON_LENGTH - 1)}…` : `${text}; and ${remaining} more`;
    }
    text = next;
  }
  return text;
}

/** The same body from the same source and channel is one dead letter, however often it comes. */
export function fingerprintOf(source: string, channelId: string | null, rawBody: string): string {
  return createHash('sha256').update(`${source}\n${channelId ?? ''}\n${rawBody}`).digest('hex');
}
