import { Injectable } from '@nestjs/common';
import type { MessageStatus } from '@rapport/shared';
import type { InboundStatus } from '../channels/channel-adapter.js';
import { toMessageDto } from '../conversations/conversation.mapper.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { MessagesRepository } from '../conversations/messages.repository.js';
import { conversationAudience } from '../events/audience.js';
import { Transactions } from '../events/transactions.service.js';
import { advanceStatus } from './domain/status-order.js';

/** Moves an outbound message along queued → sent → delivered → read (or failed), and tells the inbox. */
@Injectable()
export class OutboundStatusService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly conversations: ConversationsRepository,
    private readonly transactions: Transactions,
  ) {}

  /** A platform receipt for one of our messages, found by its platform id. */
  async apply(channelId: string, status: InboundStatus): Promise<void> {
    const messageId = await this.messages.idByExternalId(channelId, status.externalId);
    if (messageId) await this.update(messageId, status.status, { error: status.error ?? null });
  }

  /** Returns false when nothing changed (a status never moves backwards). */
  update(messageId: string, next: MessageStatus, change: { error?: string | null; externalId?: string | null } = {}): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const message = await this.messages.lockForUpdate(tx.manager, messageId);
      if (!message) return false;
      const status = advanceStatus(message.status, next);
      if (status === message.status && change.externalId === undefined) return false;
      message.status = status;
      if (change.error !== undefined) message.error = change.error;
      if (change.externalId !== undefined && change.externalId !== null) message.externalId = change.externalId;
      await this.messages.save(tx.manager, message);
      const conversation = (await this.conversations.loadDto(message.conversationId, tx.manager))!;
      const stored = (await this.messages.withAuthor(messageId, tx.manager))!;
      tx.publish('message.updated', { conversationId: conversation.id, message: toMessageDto(stored, conversation.customer.name) }, conversationAudience(conversation));
      return true;
    });
  }
}
