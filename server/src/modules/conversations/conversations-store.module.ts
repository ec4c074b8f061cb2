import { Module } from '@nestjs/common';
import { ConversationsRepository } from './conversations.repository.js';
import { MessagesRepository } from './messages.repository.js';

/** The conversations and messages tables, for any module that reads or writes them. */
@Module({
  providers: [ConversationsRepository, MessagesRepository],
  exports: [ConversationsRepository, MessagesRepository],
})
export class ConversationsStoreModule {}
