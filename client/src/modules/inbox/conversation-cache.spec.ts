import { describe, expect, it } from '@jest/globals';
import type { Conversation } from '@rapport/shared';
import { makeConversation, makeMessage, minutesAfter } from '../../testing/fixtures';
import { applyConversationEvent, applyMessageToList, matchesFilters, type ConversationPages } from './conversation-cache';
import type { ConversationFilters } from './conversation-filters';

const ME = 'user-me';
const openMine: ConversationFilters = { status: 'open', assignee: 'mine', q: '' };
const openAll: ConversationFilters = { status: 'open', assignee: 'all', q: '' };

function pages(...lists: Array<{ items: Conversation[]; nextCursor: string | null }>): ConversationPages {
  return { pages: lists, pageParams: lists.map((_, i) => (i === 0 ? null : `cursor-${i}`)) };
}

function ids(data: ConversationPages | undefined): string[][] {
  return (data?.pages ?? []).map((p) => p.items.map((c) => c.id));
}

const at = (id: string, minutes: number, extra: Partial<Conversation> = {}) =>
  makeConversation({ id, lastMessageAt: minutesAfter(minutes), assigneeId: ME, ...extra });

describe('matchesFilters', () => {
  it.each<[Partial<Conversation>, ConversationFilters, string]>([
    [{ status: 'open', assigneeId: ME }, openMine, 'yes'],
    [{ status: 'pending', assigneeId: ME }, openMine, 'no'],
    [{ status: 'open', assigneeId: 'someone-else' }, openMine, 'no'],
    [{ status: 'open', assigneeId: null }, { status: 'open', assignee: 'unassigned', q: '' }, 'yes'],
    [{ status: 'open', assigneeId: ME }, { status: 'open', assignee: 'unassigned', q: '' }, 'no'],
    [{ status: 'open', assigneeId: 'someone-else' }, openAll, 'yes'],
    [{ status: 'open', assigneeId: ME }, { status: 'open', assignee: 'mine', q: 'refund' }, 'unknown'],
  ])('%o with %o → %s', (overrides, filters, expected) => {
    expect(matchesFilters(makeConversation({ id: 'c', ...overrides }), filters, ME)).toBe(expected);
  });
});

describe('applyConversationEvent', () => {
  it('leaves an unloaded list alone', () => {
    expect(applyConversationEvent(undefined, at('a', 1), openMine, ME)).toBeUndefined();
  });

  it('inserts a new conversation in lastMessageAt order', () => {
    const data = pages({ items: [at('c', 30), at('b', 20), at('a', 10)], nextCursor: null });
    expect(ids(applyConversationEvent(data, at('new', 25), openMine, ME))).toEqual([['c', 'new', 'b', 'a']]);
    expect(ids(applyConversationEvent(data, at('newest', 40), openMine, ME))).toEqual([['newest', 'c', 'b', 'a']]);
    expect(ids(applyConversationEvent(data, at('oldest', 1), openMine, ME))).toEqual([['c', 'b', 'a', 'oldest']]);
  });

  it('moves an updated conversation to its new place instead of duplicating it', () => {
    const data = pages({ items: [at('c', 30), at('b', 20)], nextCursor: 'more' }, { items: [at('a', 10)], nextCursor: null });
    const next = applyConversationEvent(data, at('a', 50, { lastMessagePreview: 'new text' }), openMine, ME);
    expect(ids(next)).toEqual([['a', 'c', 'b'], []]);
    expect(next?.pages[0]?.items[0]?.lastMessagePreview).toBe('new text');
  });

  it('updates in place when the order does not change', () => {
    const data = pages({ items: [at('b', 20), at('a', 10)], nextCursor: null });
    const next = applyConversationEvent(data, at('b', 20, { unreadCount: 3 }), openMine, ME);
    expect(ids(next)).toEqual([['b', 'a']]);
    expect(next?.pages[0]?.items[0]?.unreadCount).toBe(3);
  });

  it('removes a conversation that no longer matches (resolved, or assigned to someone else)', () => {
    const data = pages({ items: [at('b', 20), at('a', 10)], nextCursor: null });
    expect(ids(applyConversationEvent(data, at('b', 20, { status: 'resolved' }), openMine, ME))).toEqual([['a']]);
    expect(ids(applyConversationEvent(data, at('a', 10, { assigneeId: 'other' }), openMine, ME))).toEqual([['b']]);
  });

  it('returns the same object when an unrelated conversation changes', () => {
    const data = pages({ items: [at('a', 10)], nextCursor: null });
    expect(applyConversationEvent(data, at('x', 20, { status: 'pending' }), openMine, ME)).toBe(data);
  });

  it('does not insert past the loaded range of a list that has more pages', () => {
    const data = pages({ items: [at('c', 30), at('b', 20)], nextCursor: 'more' });
    expect(applyConversationEvent(data, at('old', 5), openMine, ME)).toEqual(data);
    expect(ids(applyConversationEvent(data, at('mid', 25), openMine, ME))).toEqual([['c', 'mid', 'b']]);
  });

  it('only updates or removes in a search result, never inserts', () => {
    const search: ConversationFilters = { status: 'open', assignee: 'mine', q: 'refund' };
    const data = pages({ items: [at('b', 20), at('a', 10)], nextCursor: null });
    expect(applyConversationEvent(data, at('new', 30), search, ME)).toBe(data);
    // Updated in place: search results are ordered by rank, which only the server knows.
    expect(ids(applyConversationEvent(data, at('a', 40), search, ME))).toEqual([['b', 'a']]);
    expect(ids(applyConversationEvent(data, at('a', 40, { status: 'resolved' }), search, ME))).toEqual([['b']]);
  });

  it('keeps the matching message of a search result through an update that has none', () => {
    const search: ConversationFilters = { status: 'open', assignee: 'mine', q: 'refund' };
    const match = { messageId: 'm', snippet: 'my refund', highlights: [[3, 9]] as Array<[number, number]> };
    const data = pages({ items: [at('b', 20, { match }), at('a', 10)], nextCursor: null });
    const next = applyConversationEvent(data, at('b', 30, { unreadCount: 3 }), search, ME);
    expect(next?.pages[0]?.items[0]).toMatchObject({ id: 'b', unreadCount: 3, match });
  });

  it('ignores an older version of a listed conversation (a replay after a fresh load)', () => {
    const fresh = (id: string, minutes: number, updated: number) => at(id, minutes, { updatedAt: minutesAfter(updated) });
    const data = pages({ items: [fresh('c', 30, 30), fresh('b', 20, 20)], nextCursor: 'more' });
    // The version of 'b' from when it was created: older activity, older update.
    expect(applyConversationEvent(data, fresh('b', 1, 1), openMine, ME)).toBe(data);
    expect(applyConversationEvent(data, fresh('c', 5, 5), openMine, ME)).toBe(data);
    // The same or a newer version still applies.
    expect(ids(applyConversationEvent(data, fresh('b', 40, 40), openMine, ME))).toEqual([['b', 'c']]);
    expect(applyConversationEvent(data, fresh('b', 20, 20), openMine, ME)?.pages[0]?.items[1]).toEqual(fresh('b', 20, 20));
  });

  it('keeps the last loaded conversation of a list with more pages when it changes in place', () => {
    const data = pages({ items: [at('c', 30), at('b', 20)], nextCursor: 'more' });
    const next = applyConversationEvent(data, at('b', 20, { unreadCount: 2 }), openMine, ME);
    expect(ids(next)).toEqual([['c', 'b']]);
    expect(next?.pages[0]?.items[1]?.unreadCount).toBe(2);
  });

  it('places a conversation into an empty list', () => {
    const data = pages({ items: [], nextCursor: null });
    expect(ids(applyConversationEvent(data, at('a', 1), openMine, ME))).toEqual([['a']]);
  });
});

describe('applyMessageToList', () => {
  it('bumps a listed conversation with the preview of a new public message', () => {
    const data = pages({ items: [at('b', 20), at('a', 10)], nextCursor: null });
    const next = applyMessageToList(data, makeMessage({ id: 'm', conversationId: 'a', text: 'Where is my order?', createdAt: minutesAfter(30) }));
    expect(ids(next)).toEqual([['a', 'b']]);
    expect(next?.pages[0]?.items[0]?.lastMessagePreview).toBe('Where is my order?');
  });

  it('leaves a search result in place, with its match', () => {
    const match = { messageId: 'm0', snippet: 'refund', highlights: [[0, 6]] as Array<[number, number]> };
    const data = pages({ items: [at('b', 20), at('a', 10, { match })], nextCursor: null });
    const next = applyMessageToList(data, makeMessage({ id: 'm', conversationId: 'a', text: 'And now?', createdAt: minutesAfter(30) }), true);
    expect(ids(next)).toEqual([['b', 'a']]);
    expect(next?.pages[0]?.items[1]).toMatchObject({ lastMessagePreview: 'And now?', match });
  });

  it('ignores private notes, older messages and conversations not in the list', () => {
    const data = pages({ items: [at('b', 20), at('a', 10)], nextCursor: null });
    expect(applyMessageToList(data, makeMessage({ id: 'm1', conversationId: 'a', private: true, createdAt: minutesAfter(30) }))).toBe(data);
    expect(applyMessageToList(data, makeMessage({ id: 'm2', conversationId: 'a', createdAt: minutesAfter(5) }))).toBe(data);
    expect(applyMessageToList(data, makeMessage({ id: 'm3', conversationId: 'zzz', createdAt: minutesAfter(30) }))).toBe(data);
  });
});
