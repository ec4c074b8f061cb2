import type { InfiniteData } from '@tanstack/react-query';
import type { Conversation, Message, Page } from '@rapport/shared';
import type { ConversationFilters } from './conversation-filters';

/** The cached pages of one inbox list. */
export type ConversationPages = InfiniteData<Page<Conversation>, string | null>;

/** 'unknown' when only the server can tell (full-text search). */
export type FilterMatch = 'yes' | 'no' | 'unknown';

export function matchesFilters(conversation: Conversation, filters: ConversationFilters, currentUserId: string): FilterMatch {
  if (conversation.status !== filters.status) return 'no';
  if (filters.assignee === 'mine' && conversation.assigneeId !== currentUserId) return 'no';
  if (filters.assignee === 'unassigned' && conversation.assigneeId !== null) return 'no';
  if (filters.q.trim() !== '') return 'unknown';
  return 'yes';
}

function activityTime(c: Conversation): number {
  const t = Date.parse(c.lastMessageAt ?? c.createdAt);
  return Number.isNaN(t) ? 0 : t;
}

/** Newest activity first, ties broken by id like the server's keyset order. */
export function compareByActivity(a: Conversation, b: Conversation): number {
  const diff = activityTime(b) - activityTime(a);
  if (diff !== 0) return diff;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function withoutConversation(pages: Page<Conversation>[], id: string): Page<Conversation>[] {
  return pages.map((page) => (page.items.some((item) => item.id === id) ? { ...page, items: page.items.filter((item) => item.id !== id) } : page));
}

/**
 * Puts the conversation where the order says. Past the last loaded item of a list that has more pages
 * it is left out: "load more" will bring it, and inserting it now would show it twice. A conversation
 * that was already listed (`wasListed`) stays even when it is the last one loaded: it was in range.
 */
function insertInOrder(pages: Page<Conversation>[], conversation: Conversation, wasListed = false): Page<Conversation>[] {
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i];
    if (!page) continue;
    const index = page.items.findIndex((item) => compareByActivity(conversation, item) < 0);
    const isLastPage = i === pages.length - 1;
    if (index === -1 && !(isLastPage && (page.nextCursor === null || wasListed))) continue;
    const items = [...page.items];
    items.splice(index === -1 ? items.length : index, 0, conversation);
    return pages.map((p, j) => (j === i ? { ...page, items } : p));
  }
  return pages;
}

/**
 * True when `incoming` is an older version than the cached copy, e.g. a conversation event replayed by
 * the first sync after a fresh load. Applying it would move the row back in time (and, past the loaded
 * range, drop it from the list), so it is ignored; later events of the same replay bring it up to date.
 */
export function isOlderSnapshot(incoming: Pick<Conversation, 'updatedAt'>, cached: Pick<Conversation, 'updatedAt'> | undefined): boolean {
  if (!cached) return false;
  const a = Date.parse(incoming.updatedAt);
  const b = Date.parse(cached.updatedAt);
  return !Number.isNaN(a) && !Number.isNaN(b) && a < b;
}

function findConversation(data: ConversationPages, id: string): Conversation | undefined {
  for (const page of data.pages) {
    const found = page.items.find((item) => item.id === id);
    if (found) return found;
  }
  return undefined;
}

/**
 * Applies a created/updated/assigned conversation to one cached list: upsert it in order when it
 * belongs there, drop it when it no longer does. Returns the same object when nothing changes.
 */
export function applyConversationEvent(
  data: ConversationPages | undefined,
  conversation: Conversation,
  filters: ConversationFilters,
  currentUserId: string,
): ConversationPages | undefined {
  if (!data) return data;
  const cached = findConversation(data, conversation.id);
  if (isOlderSnapshot(conversation, cached)) return data;
  const match = matchesFilters(conversation, filters, currentUserId);
  const present = cached !== undefined;
  if (!present && match !== 'yes') return data;
  const pages = withoutConversation(data.pages, conversation.id);
  if (match === 'no') return { ...data, pages };
  // A search result keeps the place its rank gave it, and the message it matched (events carry neither).
  if (cached && filters.q.trim() !== '') return { ...data, pages: replaceInPlace(data.pages, withMatchOf(conversation, cached)) };
  return { ...data, pages: insertInOrder(pages, conversation, present) };
}

function replaceInPlace(pages: Page<Conversation>[], conversation: Conversation): Page<Conversation>[] {
  return pages.map((page) => (page.items.some((item) => item.id === conversation.id) ? { ...page, items: page.items.map((item) => (item.id === conversation.id ? conversation : item)) } : page));
}

const withMatchOf = (conversation: Conversation, cached: Conversation): Conversation =>
  conversation.match === undefined && cached.match !== undefined ? { ...conversation, match: cached.match } : conversation;

/** How a list row should look right after a new public message, before the server's own update arrives. */
export function applyMessageToConversation(conversation: Conversation, message: Message): Conversation {
  if (message.private || message.authorType === 'system') return conversation;
  const current = conversation.lastMessageAt ? Date.parse(conversation.lastMessageAt) : Number.NEGATIVE_INFINITY;
  if (Date.parse(message.createdAt) < current) return conversation;
  const preview = message.text.trim() !== '' ? message.text.slice(0, 200) : message.attachments.length > 0 ? 'Attachment' : '';
  if (conversation.lastMessageAt === message.createdAt && conversation.lastMessagePreview === preview) return conversation;
  return { ...conversation, lastMessageAt: message.createdAt, lastMessagePreview: preview };
}

/**
 * Moves a listed conversation up when a message arrives (in a search result, `inPlace`, it stays where
 * its rank put it); conversations not in the list are left to the server.
 */
export function applyMessageToList(data: ConversationPages | undefined, message: Message, inPlace = false): ConversationPages | undefined {
  if (!data) return data;
  const existing = data.pages.flatMap((page) => page.items).find((item) => item.id === message.conversationId);
  if (!existing) return data;
  const updated = applyMessageToConversation(existing, message);
  if (updated === existing) return data;
  if (inPlace) return { ...data, pages: replaceInPlace(data.pages, updated) };
  return { ...data, pages: insertInOrder(withoutConversation(data.pages, existing.id), updated, true) };
}
