import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { AuditService } from '../audit/audit.service.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { Transactions } from '../events/transactions.service.js';
import { retentionCutoff } from './domain/retention.js';
import { PrivacyRepository } from './privacy.repository.js';

/** Conversations per transaction, and rows of one table one transaction deletes at most. */
const CONVERSATION_BATCH = 100;
const ROW_BATCH = 5000;
const EVENT_WINDOW = 10_000;

export interface PurgeResult {
  cutoff: string | null;
  conversations: number;
  messages: number;
  customers: number;
  events: number;
}

/**
 * `RETENTION_DAYS`: resolved conversations resolved longer ago than that are deleted with their messages,
 * follow-ups, clock facts and events, in bounded transactions. The report figures stay (clock values and
 * SLA breaches outlive their conversation), and so do message volume rows. A customer left with no
 * conversation goes too, with their identities, profile and merges: nothing of them is kept past the limit.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly repo: PrivacyRepository,
    private readonly customers: CustomersRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async purge(now: Date = new Date()): Promise<PurgeResult> {
    const cutoff = retentionCutoff(now, this.config.RETENTION_DAYS);
    const result: PurgeResult = { cutoff: cutoff?.toISOString() ?? null, conversations: 0, messages: 0, customers: 0, events: 0 };
    if (!cutoff) return result;
    for (;;) {
      const batch = await this.purgeBatch(cutoff);
      result.conversations += batch.conversations;
      result.messages += batch.messages;
      result.customers += batch.customers;
      if (batch.candidates === 0) break;
    }
    result.events = await this.purgeOrphanEvents();
    if (result.conversations + result.customers + result.events > 0) {
      await this.audit.record({ action: 'retention.purged', actor: null, target: null, details: { ...result, retentionDays: this.config.RETENTION_DAYS } });
      this.logger.log(`retention: ${result.conversations} conversations, ${result.messages} messages, ${result.customers} customers and ${result.events} events older than ${result.cutoff} deleted`);
    }
    return result;
  }

  /**
   * One transaction: the oldest candidates' messages and clock facts up to a row limit each; once both are
   * gone, the conversations themselves and the customers left with nothing.
   */
  private purgeBatch(cutoff: Date): Promise<{ candidates: number; conversations: number; messages: number; customers: number }> {
    return this.transactions.run(async (tx) => {
      const { manager } = tx;
      const ids = await this.repo.purgeCandidates(manager, cutoff, CONVERSATION_BATCH);
      if (ids.length === 0) return { candidates: 0, conversations: 0, messages: 0, customers: 0 };
      const messages = await this.repo.deleteMessagesOf(manager, ids, ROW_BATCH);
      const facts = await this.repo.deleteClockFactsOf(manager, ids, ROW_BATCH);
      // A long thread takes several transactions: the conversations wait for the next round.
      if (messages === ROW_BATCH || facts === ROW_BATCH) return { candidates: ids.length, conversations: 0, messages, customers: 0 };
      const owners = await this.repo.deleteConversations(manager, ids);
      const emptied = await this.repo.withoutConversations(manager, owners);
      let customers = 0;
      if (emptied.length > 0) {
        // Ingest stores a sender's message under this lock: none can arrive for a customer while it is deleted.
        await this.customers.lockSenders(manager, await this.customers.identitiesOfCustomers(emptied, manager));
        customers = await this.repo.deleteCustomers(manager, await this.repo.withoutConversations(manager, emptied));
      }
      return { candidates: ids.length, conversations: ids.length, messages, customers };
    });
  }

  /** Events naming a conversation or customer that is gone, a window of the log per transaction. */
  private async purgeOrphanEvents(): Promise<number> {
    let deleted = 0;
    for (let after = 0; ; ) {
      const window = await this.repo.deleteOrphanEvents(after, EVENT_WINDOW);
      deleted += window.deleted;
      if (window.lastSeq === null) return deleted;
      after = window.lastSeq;
    }
  }
}
