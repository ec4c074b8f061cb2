import { Module } from '@nestjs/common';
import { EphemeralEvents } from './ephemeral-events.js';
import { EventLog } from './event-log.js';
import { Transactions } from './transactions.service.js';

/** The event log, the transaction helper every change goes through, and ephemeral broadcasts. */
@Module({
  providers: [EventLog, Transactions, EphemeralEvents],
  exports: [EventLog, Transactions, EphemeralEvents],
})
export class EventsModule {}
