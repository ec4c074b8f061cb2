import { Module } from '@nestjs/common';
import { ClockFactsRepository } from './clock-facts.repository.js';
import { ConversationsRepository } from './conversations.repository.js';
import { MessagesRepository } from './messages.repository.js';

/** The conversations, messages and clock facts tables, for any module that reads or writes them. */
@Module({
  providers: [ConversationsRepository, MessagesRepository, ClockFactsRepository],
  exports: [ConversationsRepository, MessagesRepository, ClockFactsRepository],
})
export class ConversationsStoreModule {}
