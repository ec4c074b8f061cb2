import { describe, expect, it } from '@jest/globals';
import type { DeadLetter, DeadLetterRetry } from '@rapport/shared';
import { pendingLabel, prettyBody, retryOutcome, sourceLabel } from './dead-letter-format';

const letter = (reason = 'entry[0].messaging[0].sender.id: expected string, got boolean'): DeadLetter => ({
  id: 'd1',
  channelKind: 'facebook',
  channelId: 'c1',
  source: 'webhook:meta',
  reason,
  status: 'pending',
  attempts: 2,
  createdAt: '2026-05-01T10:00:00.000Z',
  lastTriedAt: '2026-05-01T10:05:00.000Z',
  resolvedAt: null,
  contentType: 'application/json',
  rawBody: '{}',
});

const retry = (fields: Partial<DeadLetterRetry>): DeadLetterRetry => ({ outcome: 'resolved', deadLetter: letter(), stored: 0, duplicates: 0, ...fields });

describe('sourceLabel', () => {
  it.each([
    ['webhook:meta', 'Meta webhook'],
    ['webhook:whatsapp', 'WhatsApp webhook'],
    ['webhook:api', 'API webhook'],
    ['poll:telegram', 'Telegram poll'],
    ['poll:mastodon', 'Mastodon poll'],
    ['carrier:pigeon', 'carrier:pigeon'],
    ['webhook:fax', 'webhook:fax'],
  ])('names %s as %s', (source, label) => {
    expect(sourceLabel(source)).toBe(label);
  });
});

describe('retryOutcome', () => {
  it.each([
    ['stored messages', retry({ stored: 1 }), 'Read: 1 message stored'],
    ['stored and duplicates', retry({ stored: 2, duplicates: 1 }), 'Read: 2 messages stored, 1 already there'],
    ['one duplicate', retry({ duplicates: 1 }), 'Read: its message was stored already'],
    ['duplicates', retry({ duplicates: 3 }), 'Read: its 3 messages were stored already'],
    ['nothing to store', retry({}), 'Read: nothing in it was a customer message'],
    ['still unreadable', retry({ outcome: 'unreadable', deadLetter: letter('entry[0].id: missing') }), 'Still unreadable: entry[0].id: missing'],
  ])('says %s', (_what, result, text) => {
    expect(retryOutcome(result)).toBe(text);
  });
});

describe('prettyBody', () => {
  it('lays JSON out and leaves anything else as received', () => {
    expect(prettyBody('{"object":"page","entry":[]}')).toBe('{\n  "object": "page",\n  "entry": []\n}');
    expect(prettyBody('not json {')).toBe('not json {');
  });
});

describe('pendingLabel', () => {
  it('counts', () => {
    expect(pendingLabel(0)).toBe('none pending');
    expect(pendingLabel(3)).toBe('3 pending');
  });
});
