import { describe, expect, it } from '@jest/globals';
import { bestHit, TIER, tierSteps, tiersOf, type MessageHit } from './search-rank.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));

describe('tiersOf', () => {
  it.each([
    ['a long word: name, whole, word starts', { namePattern: '%refund%', wholeWords: "'refund'", anyForm: "'refund':*" }, [TIER.name, TIER.wholeWords, TIER.anyForm]],
    ['short words only: no word starts', { namePattern: null, wholeWords: "'ok'", anyForm: "'ok'" }, [TIER.wholeWords]],
    ['too short for names', { namePattern: null, wholeWords: "'ab' & 'cde'", anyForm: "'ab' & 'cde':*" }, [TIER.wholeWords, TIER.anyForm]],
  ])('%s', (_what, query, expected) => {
    expect(tiersOf(query)).toEqual(expected);
  });
});

describe('tierSteps', () => {
  const all = [TIER.name, TIER.wholeWords, TIER.anyForm];
  it.each([
    ['no cursor: every tier from its start', null, [{ tier: 3, after: null }, { tier: 2, after: null }, { tier: 1, after: null }]],
    ['in the name tier: from the cursor, then the others', { tier: 3, at: at(1), id: A }, [{ tier: 3, after: { at: at(1), id: A } }, { tier: 2, after: null }, { tier: 1, after: null }]],
    ['in the last tier: only from the cursor', { tier: 1, at: at(2), id: B }, [{ tier: 1, after: { at: at(2), id: B } }]],
    ['a tier this query has not: the tiers below it', { tier: 2, at: at(2), id: B }, [{ tier: 1, after: null }]],
  ])('%s', (_what, cursor, expected) => {
    expect(tierSteps(cursor && cursor.tier === 2 ? [TIER.name, TIER.anyForm] : all, cursor)).toEqual(expected);
  });
});

describe('bestHit', () => {
  const hit = (messageId: string, minute: number, whole: boolean): MessageHit => ({ conversationId: A, messageId, sentAt: at(minute), whole });
  it.each<[string, MessageHit[], string | undefined]>([
    ['none', [], undefined],
    ['whole words before a newer word start', [hit(A, 1, true), hit(B, 9, false)], A],
    ['then the newest', [hit(A, 1, true), hit(B, 9, true)], B],
    ['same time: the higher id', [hit(A, 5, false), hit(B, 5, false)], B],
  ])('%s', (_what, hits, expected) => {
    expect(bestHit(hits)?.messageId).toBe(expected);
  });
});
