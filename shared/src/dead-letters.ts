import { z } from 'zod';
import type { Page } from './api.js';
import type { ChannelKind } from './domain.js';

/**
 * `pending`: not read yet; `retried`: a retry is reading it right now; `resolved`: a retry read it and
 * its messages went the normal way.
 */
export const DEAD_LETTER_STATUSES = ['pending', 'retried', 'resolved'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

/** A platform event Rapport acknowledged but could not read: kept as it came, with the reason, until a retry reads it. */
export interface DeadLetter {
  id: string;
  channelKind: ChannelKind;
  /** Null when the event named no channel Rapport knows (or the channel was deleted since). */
  channelId: string | null;
  /** Where it came from: `webhook:meta`, `webhook:whatsapp`, `webhook:x`, `webhook:telegram`, `webhook:api`, `poll:x`, `poll:telegram`, `poll:mastodon`. */
  source: string;
  /** What could not be read, naming the field: `entry[0].messaging[0].sender.id: expected string`. */
  reason: string;
  status: DeadLetterStatus;
  /** Reads so far, the first one on arrival included. */
  attempts: number;
  createdAt: string;
  lastTriedAt: string | null;
  resolvedAt: string | null;
  contentType: string;
  /** The body as received; for a polled entry, the platform's page holding just that entry. */
  rawBody: string;
}

/** `GET /api/dead-letters`: newest first, with how many are pending in all. */
export interface DeadLetterPage extends Page<DeadLetter> {
  pending: number;
}

export const listDeadLettersQuery = z.object({
  status: z.enum(DEAD_LETTER_STATUSES, { message: `status must be one of: ${DEAD_LETTER_STATUSES.join(', ')}` }).optional(),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100, 'limit must be at most 100').default(50),
});
export type ListDeadLettersQuery = z.infer<typeof listDeadLettersQuery>;

/** `POST /api/dead-letters/:id/retry`: read again with today's code. */
export interface DeadLetterRetry {
  /** `resolved`: readable now, its messages stored; `unreadable`: still not, kept pending with the new reason. */
  outcome: 'resolved' | 'unreadable';
  deadLetter: DeadLetter;
  /** Customer messages this retry stored. */
  stored: number;
  /** Customer messages that were stored already (an earlier retry, or the readable part of the body): not stored twice. */
  duplicates: number;
}
