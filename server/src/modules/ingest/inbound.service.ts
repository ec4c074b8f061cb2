import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Conversation } from '@rapport/shared';
import { INBOUND_WRITERS } from '../../config/env.js';
import { QueueService } from '../../core/queue.service.js';
import type { InboundMessage } from '../channels/channel-adapter.js';
import type { LoadedChannel } from '../channels/channels.service.js';
import type { ConversationEntity } from '../conversations/conversation.entity.js';
import { preview, toMessageDto } from '../conversations/conversation.mapper.js';
import { ClockFactsRepository, type RecordedFact } from '../conversations/clock-facts.repository.js';
import { ConversationsRepository, type InboundArrival } from '../conversations/conversations.repository.js';
import type { MessageEntity } from '../conversations/message.entity.js';
import { MessagesRepository } from '../conversations/messages.repository.js';
import { CustomersRepository, senderKey, type KnownSender } from '../customers/customers.repository.js';
import { conversationAudience } from '../events/audience.js';
import { Transactions, type Tx } from '../events/transactions.service.js';
import { detectLanguage } from '../triage/language.js';
import { triageMessage } from '../triage/triage.js';
import { GroupCommit } from './group-commit.js';

/** Customer messages stored in one transaction at most. */
const BATCH_SIZE = 100;

export interface StoreOptions {
  /** The platform can name an id-only sender later (its adapter has a profile lookup). */
  canLookUpProfile: boolean;
  /** When Rapport received the event: a customer's clock never starts later than that. */
  receivedAt: Date;
}

interface Arrival extends StoreOptions {
  channel: LoadedChannel;
  item: InboundMessage;
}

/** One conversation of a batch: its state as the batch's messages change it, and those messages. */
interface Touched {
  conversation: ConversationEntity;
  opened: boolean;
  woke: boolean;
  sender: KnownSender;
  messages: MessageEntity[];
  /** Each message's detected language, in the order of `messages`. */
  languages: Array<string | null>;
  canLookUpProfile: boolean;
  /** The conversation as it was before this batch, for what must follow the commit. */
  before: Pick<ConversationEntity, 'waitingSince' | 'priority' | 'snoozedUntil'>;
}

/** A clock may have started or the policy may differ: the SLA due times are recomputed after the commit. */
const slaMayChange = (t: Touched): boolean => t.opened || t.woke || t.before.waitingSince === null || t.before.priority !== t.conversation.priority;
const beforeOf = (c: ConversationEntity): Touched['before'] => ({ waitingSince: c.waitingSince, priority: c.priority, snoozedUntil: c.snoozedUntil });

const senderOf = (a: Arrival) => ({ channelId: a.channel.id, externalId: a.item.sender.externalId, sender: a.item.sender });
const messageKey = (a: Arrival): string => `${a.channel.id}\n${a.item.externalId}`;
const threadKey = (t: { channelId: string; identityId: string; threadKey: string }): string => `${t.channelId}\n${t.identityId}\n${t.threadKey}`;

/** The row of a customer message as it is stored. */
function messageRow({ channel, item }: Arrival, conversationId: string, id: string): Partial<MessageEntity> & { id: string } {
  return {
    id,
    conversationId,
    channelId: channel.id,
    direction: 'inbound',
    authorType: 'customer',
    authorId: null,
    private: false,
    text: item.text,
    attachments: item.attachments,
    status: 'delivered',
    error: null,
    externalId: item.externalId,
    clientId: null,
    sentAt: item.sentAt,
    platformMeta: item.meta ?? {},
  };
}

/** The customer's own time starts the clocks, but never later than Rapport received the message. */
function clockFactsOf(thread: Touched, receivedAt: Map<string, Date>): RecordedFact[] {
  const conversationId = thread.conversation.id;
  const written = thread.messages.map((m): RecordedFact => {
    const received = receivedAt.get(m.id)!;
    return { conversationId, kind: 'customer', at: m.sentAt < received ? m.sentAt : received };
  });
  // A customer writing to a pending or snoozed conversation reopens it as of their message.
  const first = new Date(Math.min(...written.map((f) => f.at.getTime())));
  return thread.woke ? [{ conversationId, kind: 'status', status: 'open', at: first }, ...written] : written;
}

/**
 * Stores customer messages: customer and identity → the open conversation of that thread (or a new
 * one) → message (deduplicated on channel and external id) → triage → events. Messages that arrive while
 * others are being written are stored together, a batch per transaction, in a fixed number of statements.
 * Routing and the profile lookup are queued after the commit; neither holds up the message.
 */
@Injectable()
export class InboundService {
  private readonly writer = new GroupCommit<Arrival, boolean>((batch) => this.storeBatch(batch), { maxBatch: BATCH_SIZE, parallel: INBOUND_WRITERS });

  constructor(
    private readonly transactions: Transactions,
    private readonly customers: CustomersRepository,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly queues: QueueService,
    private readonly clockFacts: ClockFactsRepository,
  ) {}

  /** Resolves once the message is committed; false when it was stored already (a redelivery). */
  store(channel: LoadedChannel, item: InboundMessage, options: StoreOptions): Promise<boolean> {
    return this.writer.submit({ channel, item, ...options });
  }

  private storeBatch(arrivals: Arrival[]): Promise<boolean[]> {
    return this.transactions.run(async (tx) => {
      const { manager } = tx;
      // One sender's messages are stored one transaction at a time: no duplicate customer or conversation.
      await this.customers.lockSenders(manager, arrivals.map(senderOf));
      const fresh = await this.notYetStored(manager, arrivals);
      if (fresh.length === 0) return arrivals.map(() => false);

      const known = await this.customers.upsertSenders(manager, fresh.map(senderOf));
      // Each message counts towards its customer's learned language; customers before conversations, the order every writer locks in.
      const languages = fresh.map((a) => detectLanguage(a.item.text));
      await this.customers.countLanguages(
        manager,
        fresh.flatMap((a, i) => (languages[i] ? [{ customerId: known.get(senderKey(senderOf(a)))!.customerId, language: languages[i] }] : [])),
      );
      const touched = await this.openThreads(manager, fresh, known);
      const now = new Date();
      const rows = fresh.map((arrival, i) => ({ arrival, touched: touched.get(this.threadOf(arrival, known))!, id: randomUUID(), language: languages[i] ?? null }));
      const stored = await this.messages.insertInbound(manager, rows.map(({ arrival, touched, id }) => messageRow(arrival, touched.conversation.id, id)));
      rows.forEach(({ touched, language }, i) => {
        touched.messages.push(stored[i]!);
        touched.languages.push(language);
      });

      const threads = [...new Set(touched.values())];
      const receivedAt = new Map(rows.map(({ id, arrival }) => [id, arrival.receivedAt]));
      await this.clockFacts.record(manager, threads.flatMap((t) => clockFactsOf(t, receivedAt)));
      await this.conversations.recordInbound(manager, threads.map((t) => this.triage(t, now)));
      const dtos = await this.conversations.loadDtos(threads.map((t) => t.conversation.id), manager);
      for (const thread of threads) this.publish(tx, thread, dtos.get(thread.conversation.id)!);
      await this.messages.countVolume(manager, now, stored.map((m) => ({ channelId: m.channelId, direction: 'inbound' })));
      tx.afterCommit(() => this.queueFollowUps(threads, dtos));

      const freshSet = new Set(fresh);
      return arrivals.map((a) => freshSet.has(a));
    });
  }

  /** The arrivals whose message is not stored yet, each platform message once. */
  private async notYetStored(manager: EntityManager, arrivals: Arrival[]): Promise<Arrival[]> {
    const stored = await this.messages.storedExternalIds(manager, arrivals.map((a) => ({ channelId: a.channel.id, externalId: a.item.externalId })));
    const seen = new Set<string>();
    return arrivals.filter((a) => {
      const key = messageKey(a);
      if (stored.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private threadOf(arrival: Arrival, known: Map<string, KnownSender>): string {
    const identity = known.get(senderKey({ channelId: arrival.channel.id, externalId: arrival.item.sender.externalId }))!;
    return threadKey({ channelId: arrival.channel.id, identityId: identity.id, threadKey: arrival.item.threadKey ?? '' });
  }

  /** The unresolved conversation of each arrival's thread, locked, or a new one. */
  private async openThreads(manager: EntityManager, arrivals: Arrival[], known: Map<string, KnownSender>): Promise<Map<string, Touched>> {
    const wanted = new Map<string, { arrival: Arrival; sender: KnownSender }>();
    for (const arrival of arrivals) {
      const sender = known.get(senderKey({ channelId: arrival.channel.id, externalId: arrival.item.sender.externalId }))!;
      const key = this.threadOf(arrival, known);
      if (!wanted.has(key)) wanted.set(key, { arrival, sender });
    }
    const open = await this.conversations.lockOpenThreads(
      manager,
      [...wanted.values()].map(({ arrival, sender }) => ({ channelId: arrival.channel.id, identityId: sender.id, threadKey: arrival.item.threadKey ?? '' })),
    );
    const touched = new Map<string, Touched>();
    for (const conversation of open) {
      const key = threadKey(conversation);
      const { arrival, sender } = wanted.get(key)!;
      // A customer writing again wakes a pending or snoozed conversation.
      touched.set(key, { conversation, opened: false, woke: conversation.status !== 'open', sender, messages: [], languages: [], canLookUpProfile: arrival.canLookUpProfile, before: beforeOf(conversation) });
    }
    const created: ConversationEntity[] = [];
    for (const [key, { arrival, sender }] of wanted) {
      if (touched.has(key)) continue;
      const conversation = this.newConversation(arrival, sender);
      created.push(conversation);
      touched.set(key, { conversation, opened: true, woke: false, sender, messages: [], languages: [], canLookUpProfile: arrival.canLookUpProfile, before: beforeOf(conversation) });
    }
    await this.conversations.insertMany(manager, created);
    return touched;
  }

  private newConversation({ channel, item }: Arrival, sender: KnownSender): ConversationEntity {
    return Object.assign({} as ConversationEntity, {
      id: randomUUID(),
      channelId: channel.id,
      customerId: sender.customerId,
      identityId: sender.id,
      threadKey: item.threadKey ?? '',
      isPublic: item.isPublic ?? false,
      status: 'open',
      priority: 'normal',
      priorityScore: 0,
      prioritySignals: [],
      language: null,
      slaDeadline: null,
      waitingSince: null,
      teamId: channel.teamId,
      firstMessageAt: item.sentAt,
      lastMessageAt: new Date(),
      unreadCount: 0,
      snoozedUntil: null,
      tags: [],
    });
  }

  /** The conversation after its new messages, taken in the order they arrived. */
  private triage(thread: Touched, now: Date): InboundArrival {
    const c = thread.conversation;
    if (thread.woke) {
      c.status = 'open';
      c.snoozedUntil = null;
    }
    thread.messages.forEach((message, i) => {
      const result = triageMessage(c, { text: message.text, tier: thread.sender.tier, sentAt: message.sentAt, opened: thread.opened && i === 0, now, detectedLanguage: thread.languages[i] ?? null });
      c.waitingSince = result.waitingSince;
      c.language = result.language;
      c.tags = result.tags;
      if (result.priority) {
        c.priority = result.priority.level;
        c.priorityScore = result.priority.score;
        c.prioritySignals = result.priority.signals;
      }
    });
    c.lastMessageAt = new Date(Math.max(c.lastMessageAt.getTime(), now.getTime()));
    c.unreadCount += thread.messages.length;
    // Of equal platform times, the one that arrived last.
    const newest = thread.messages.reduce((a, b) => (b.sentAt >= a.sentAt ? b : a));
    return { conversation: c, newest: { id: newest.id, sentAt: newest.sentAt, preview: preview(newest.text, newest.attachments) } };
  }

  private publish(tx: Tx, thread: Touched, dto: Conversation): void {
    const audience = conversationAudience(dto);
    if (thread.opened) tx.publish('conversation.created', { conversation: dto }, audience);
    for (const message of thread.messages) tx.publish('message.created', { conversationId: dto.id, message: toMessageDto(message, dto.customer.name) }, audience);
    if (!thread.opened) tx.publish('conversation.updated', { conversation: dto }, audience);

  }

  private async queueFollowUps(threads: Touched[], dtos: Map<string, Conversation>): Promise<void> {
    await Promise.all(
      threads.flatMap((thread) => {
        const dto = dtos.get(thread.conversation.id)!;
        const jobs: Array<Promise<void>> = [];
        // New or woken conversations need an owner now; one already waiting is served when capacity frees.
        if ((thread.opened || thread.woke) && dto.assigneeId === null) jobs.push(this.queues.addRouting({ type: 'route', conversationId: dto.id }));
        // A customer who was already waiting starts no clock: the storm's common case queues nothing more.
        if (slaMayChange(thread)) jobs.push(this.queues.addSlaRefresh(dto.id));
        const snoozeEnded = thread.woke ? thread.before.snoozedUntil : null;
        if (snoozeEnded) jobs.push(this.queues.cancelSnoozeWake(dto.id, snoozeEnded));
        // Names and avatars come from the platform later, off this path.
        if (thread.canLookUpProfile && !thread.sender.displayName) jobs.push(this.queues.addProfileLookup({ channelId: dto.channelId, identityId: thread.sender.id }));
        return jobs;
      }),
    );
  }
}
