import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MessageStatus } from '@rapport/shared';
import type { InboundStatus } from '../channels/channel-adapter.js';
import { toMessageDto } from '../conversations/conversation.mapper.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { MessageEntity } from '../conversations/message.entity.js';
import { conversationAudience } from '../realtime/audience.js';
import { EventsService } from '../realtime/events.service.js';
import { advanceStatus } from './domain/status-order.js';

/** Moves an outbound message along queued → sent → delivered → read (or failed), and tells the inbox. */
@Injectable()
export class OutboundStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly events: EventsService,
  ) {}

  /** A platform receipt for one of our messages, found by its platform id. */
  async apply(channelId: string, status: InboundStatus): Promise<void> {
    const message = await this.dataSource.getRepository(MessageEntity).findOne({ where: { channelId, externalId: status.externalId }, select: { id: true } });
    if (message) await this.update(message.id, status.status, { error: status.error ?? null });
  }

  /** Returns false when nothing changed (a status never moves backwards). */
  async update(messageId: string, next: MessageStatus, change: { error?: string | null; externalId?: string | null } = {}): Promise<boolean> {
    const changed = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(MessageEntity);
      const message = await repo.createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :messageId', { messageId }).getOne();
      if (!message) return false;
      const status = advanceStatus(message.status, next);
      if (status === message.status && change.externalId === undefined) return false;
      message.status = status;
      if (change.error !== undefined) message.error = change.error;
      if (change.externalId !== undefined && change.externalId !== null) message.externalId = change.externalId;
      await repo.save(message);
      const conversation = (await this.conversations.loadDto(message.conversationId, manager))!;
      const stored = await repo.findOneOrFail({ where: { id: messageId }, relations: { author: true } });
      await this.events.append(manager, 'message.updated', { conversationId: conversation.id, message: toMessageDto(stored, conversation.customer.name) }, conversationAudience(conversation));
      return true;
    });
    if (changed) await this.events.committed();
    return changed;
  }
}
