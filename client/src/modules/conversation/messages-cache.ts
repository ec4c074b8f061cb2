import type { Message, MessageStatus, User } from '@rapport/shared';

export const MESSAGE_PAGE_SIZE = 50;

/** The cached messages of one conversation, oldest first. */
export interface MessageThread {
  items: Message[];
  /** Whether older messages may exist on the server ("load older"). */
  hasOlder: boolean;
}

const LOCAL_ID_PREFIX = 'local:';

/** Optimistic messages carry a local id until the server's copy replaces them. */
export function isLocalMessage(message: Message): boolean {
  return message.id.startsWith(LOCAL_ID_PREFIX);
}

export function localMessageId(clientId: string): string {
  return `${LOCAL_ID_PREFIX}${clientId}`;
}

export function createOptimisticMessage(input: {
  conversationId: string;
  text: string;
  isPrivate: boolean;
  clientId: string;
  author: User;
  now: string;
}): Message {
  return {
    id: localMessageId(input.clientId),
    conversationId: input.conversationId,
    direction: 'outbound',
    authorType: 'agent',
    authorId: input.author.id,
    authorName: input.author.name,
    private: input.isPrivate,
    text: input.text,
    attachments: [],
    status: 'queued',
    error: null,
    externalId: null,
    clientId: input.clientId,
    sentAt: input.now,
    createdAt: input.now,
  };
}

function indexOfSame(items: Message[], message: Message): number {
  const byId = items.findIndex((m) => m.id === message.id);
  if (byId !== -1 || message.clientId === null) return byId;
  return items.findIndex((m) => m.clientId === message.clientId);
}

/** The thread's order, as the server sorts it: when it was written (sentAt), then when it arrived. */
export function compareThreadOrder(a: Message, b: Message): number {
  return Date.parse(a.sentAt) - Date.parse(b.sentAt) || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

/** Server messages go in thread order, but always before optimistic ones still waiting for an answer. */
function insertInOrder(items: Message[], message: Message): Message[] {
  let index = items.length;
  if (!isLocalMessage(message)) {
    while (index > 0) {
      const previous = items[index - 1];
      if (!previous) break;
      if (!isLocalMessage(previous) && compareThreadOrder(previous, message) <= 0) break;
      index--;
    }
  }
  return [...items.slice(0, index), message, ...items.slice(index)];
}

function replaceAt(items: Message[], index: number, message: Message): Message[] {
  if (items[index] === message) return items;
  return items.map((m, i) => (i === index ? message : m));
}

/**
 * Applies a message from the live stream (authoritative, in order): replaces the copy with the same id,
 * or the optimistic copy with the same clientId, else inserts it. Never duplicates.
 */
export function upsertMessage(thread: MessageThread, message: Message): MessageThread {
  const index = indexOfSame(thread.items, message);
  const items = index === -1 ? insertInOrder(thread.items, message) : replaceAt(thread.items, index, message);
  return items === thread.items ? thread : { ...thread, items };
}

const STATUS_RANK: Record<MessageStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * Applies the answer to our own POST. It may arrive after live updates of the same message, so it only
 * replaces the optimistic copy and never moves a status backwards (e.g. "sent" back to "queued").
 */
export function applySendResult(thread: MessageThread, message: Message): MessageThread {
  const index = indexOfSame(thread.items, message);
  const existing = index === -1 ? undefined : thread.items[index];
  if (existing && !isLocalMessage(existing) && STATUS_RANK[existing.status] >= STATUS_RANK[message.status]) return thread;
  return upsertMessage(thread, message);
}

export function removeMessage(thread: MessageThread, id: string): MessageThread {
  if (!thread.items.some((m) => m.id === id)) return thread;
  return { ...thread, items: thread.items.filter((m) => m.id !== id) };
}

/** Adds a page loaded with `before=`; a short page means the start of the conversation was reached. */
export function prependOlder(thread: MessageThread, older: Message[], pageSize: number): MessageThread {
  const known = new Set(thread.items.map((m) => m.id));
  const fresh = older.filter((m) => !known.has(m.id));
  return { items: [...fresh, ...thread.items], hasOlder: older.length >= pageSize };
}

/**
 * Combines a fresh newest page with what is cached: keeps older pages loaded earlier when they still
 * connect to the new page, and keeps optimistic messages that have no server copy yet.
 */
export function mergeLatestPage(existing: MessageThread | undefined, latest: Message[], pageSize: number): MessageThread {
  const fullPage = latest.length >= pageSize;
  const latestIds = new Set(latest.map((m) => m.id));
  const latestClientIds = new Set(latest.flatMap((m) => (m.clientId ? [m.clientId] : [])));
  const pending = (existing?.items ?? []).filter((m) => isLocalMessage(m) && !(m.clientId && latestClientIds.has(m.clientId)));
  if (!existing || !fullPage) return { items: [...latest, ...pending], hasOlder: fullPage };

  const oldest = latest[0];
  const overlapAt = oldest ? existing.items.findIndex((m) => m.id === oldest.id) : -1;
  if (overlapAt === -1) return { items: [...latest, ...pending], hasOlder: true };

  const olderLoaded = existing.items.slice(0, overlapAt).filter((m) => !isLocalMessage(m) && !latestIds.has(m.id));
  return { items: [...olderLoaded, ...latest, ...pending], hasOlder: existing.hasOlder };
}

/** The newest message the agent has seen that the server knows about (for the send conflict check). */
export function newestServerMessageId(items: Message[]): string | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const m = items[i];
    if (m && !isLocalMessage(m)) return m.id;
  }
  return undefined;
}
