import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { ConversationEntity } from './conversation.entity.js';
import { toConversationDto, type LoadedConversation } from './conversation.mapper.js';
import type { Conversation } from '@rapport/shared';

/** Conversation reads shared by the API, ingest and outbound paths. */
@Injectable()
export class ConversationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  withRelations(manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<ConversationEntity> {
    return manager
      .getRepository(ConversationEntity)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.channel', 'ch')
      .innerJoinAndSelect('c.customer', 'cu')
      .innerJoinAndSelect('c.identity', 'ci')
      .leftJoinAndSelect('c.assignee', 'au');
  }

  async loadDto(id: string, manager?: EntityManager): Promise<Conversation | null> {
    const row = await this.withRelations(manager).where('c.id = :id', { id }).getOne();
    return row ? toConversationDto(row as LoadedConversation) : null;
  }

  /** Locks the row for the rest of the transaction: replies and inbound messages of one conversation take turns. */
  lockForUpdate(manager: EntityManager, id: string): Promise<ConversationEntity | null> {
    return manager.getRepository(ConversationEntity).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }
}
