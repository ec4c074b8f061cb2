import { describe, expect, it } from '@jest/globals';
import type { CustomerProfile } from '@rapport/shared';
import { lifetimeFigures } from './lifetime-figures.js';

const at = (day: number): Date => new Date(Date.UTC(2026, 2, day, 10));

describe('lifetimeFigures', () => {
  it.each<[string, Array<{ status: string; lastMessageAt: Date }>, CustomerProfile['stats']]>([
    ['no conversations', [], { conversations: 0, lastContactAt: null, openNow: 0 }],
    ['the newest contact, in any order', [{ status: 'resolved', lastMessageAt: at(2) }, { status: 'open', lastMessageAt: at(5) }, { status: 'pending', lastMessageAt: at(3) }], { conversations: 3, lastContactAt: at(5).toISOString(), openNow: 1 }],
    ['pending and snoozed are not open now', [{ status: 'pending', lastMessageAt: at(1) }, { status: 'snoozed', lastMessageAt: at(1) }], { conversations: 2, lastContactAt: at(1).toISOString(), openNow: 0 }],
  ])('%s', (_label, conversations, expected) => {
    expect(lifetimeFigures(conversations)).toEqual(expected);
  });
});
