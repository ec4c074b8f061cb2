import { ConflictException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EraseResult } from '@rapport/shared';
import { QueueService } from '../../core/queue.service.js';
import type { RequestOrigin } from '../../common/request-origin.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AuditService } from '../audit/audit.service.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { customerAudience, customerGone } from '../customers/customers.service.js';
import { conversationAudience } from '../events/audience.js';
import { EventLog } from '../events/event-log.js';
import { Transactions } from '../events/transactions.service.js';
import { channelAccount, erasedIdentityHash, isErasedExternalId } from './domain/erased-identity.js';
import { platformIdPattern } from './domain/platform-id-pattern.js';
import { PrivacyRepository } from './privacy.repository.js';

const EVENT_PAGE = 5000;

/**
 * Erases a customer: names, handles, texts and attachments go from every table (events included), the
 * figures stay, and the platform identities are remembered only as hashes, so a message from the person
 * afterwards makes a new customer. One transaction; open inboxes hear the change at once.
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly repo: PrivacyRepository,
    private readonly customers: CustomersRepository,
    private readonly conversations: ConversationsRepository,
    private readonly transactions: Transactions,
    private readonly log: EventLog,
    private readonly audit: AuditService,
    private readonly queues: QueueService,
  ) {}

  async erase(user: AuthUser, id: string, origin: RequestOrigin): Promise<EraseResult> {
    const customer = await this.customers.findById(id);
    if (!customer || customer.mergedIntoId) throw customerGone(customer);
    const audienceBefore = await this.conversations.ofCustomer(id);

    // The event log is read before the transaction, so that the transaction (which holds back every live
    // event while it runs) only rewrites rows it already knows; events past `upTo` are looked for inside.
    const upTo = await this.log.stableSeq();
    const scannedCustomers = [id, ...(await this.repo.tombstonesOf(id)).map((t) => t.id)];
    const scannedConversations = await this.repo.conversationIdsOf(scannedCustomers);
    const known = await this.allEventsAbout(scannedConversations, scannedCustomers, 0, upTo);

    const { result, followUps } = await this.transactions.run(async (tx) => {
      const { manager } = tx;
      const tombstones = await this.repo.tombstonesOf(id, manager);
      const customerIds = [id, ...tombstones.map((t) => t.id)];
      const listed = await this.customers.identitiesOfCustomers(customerIds, manager);
      // Ingest and merges take these first: no message of theirs is stored, and no merge moves them, until this commits.
      await this.customers.lockSenders(manager, listed);
      const identities = await this.customers.lockIdentitiesOf(manager, customerIds);
      const locked = await this.customers.lockCustomers(manager, customerIds);
      const target = locked.find((c) => c.id === id);
      if (!target || target.mergedIntoId) throw new ConflictException('The customer was merged meanwhile: open the profile again');
      if (identities.length !== listed.length) throw new ConflictException('The customer changed meanwhile: try again');
      const conversationIds = await this.repo.conversationIdsOf(customerIds, manager);

      // Events of conversations (or tombstones) that came to the customer after the scan were never looked at.
      const scanned = new Set(scannedConversations);
      const newConversations = conversationIds.filter((c) => !scanned.has(c));
      const newCustomers = customerIds.filter((c) => !scannedCustomers.includes(c));
      const late = newConversations.length + newCustomers.length > 0 ? await this.allEventsAbout(newConversations, newCustomers, 0, upTo, manager) : [];
      const tail = await this.allEventsAbout(conversationIds, customerIds, upTo, null, manager);
      const seqs = [...new Set([...known, ...late, ...tail])];
      for (let i = 0; i < seqs.length; i += EVENT_PAGE) await this.repo.scrubEvents(manager, seqs.slice(i, i + EVENT_PAGE));

      const messages = await this.repo.eraseMessages(manager, conversationIds);
      await this.repo.eraseConversations(manager, conversationIds);
      const cancelledFollowUps = await this.repo.eraseFollowUps(manager, conversationIds);
      await this.repo.forgetMerges(manager, customerIds);
      const live = listed.filter((i) => !isErasedExternalId(i.externalId));
      await this.repo.rememberErased(manager, live.map((i) => erasedIdentityHash({ kind: i.channel.kind, account: channelAccount(i.channel), externalId: i.externalId })));
      const pattern = platformIdPattern(live.map((i) => i.externalId));
      const deadLetters = pattern ? await this.repo.deleteDeadLettersNaming(manager, [...new Set(live.map((i) => i.channelId))], pattern) : 0;
      const erasedIdentities = await this.repo.eraseIdentities(manager, customerIds);
      await this.repo.eraseCustomers(manager, customerIds);

      const dtos = await this.conversations.loadDtos(conversationIds, manager);
      for (const dto of dtos.values()) tx.publish('conversation.updated', { conversation: dto }, conversationAudience(dto));
      tx.publish('customer.updated', { customerId: id }, customerAudience([...audienceBefore, ...dtos.values()]));
      const counts: EraseResult = { conversations: conversationIds.length, messages, identities: erasedIdentities };
      // Counts only: the record of an erasure must not keep what it erased.
      await this.audit.record(
        {
          action: 'customer.erased',
          actor: { id: user.id, email: user.email },
          origin,
          target: { type: 'customer', id },
          details: { ...counts, events: seqs.length, followUpsCancelled: cancelledFollowUps.length, mergedCustomers: tombstones.length, deadLetters },
        },
        manager,
      );
      return { result: counts, followUps: cancelledFollowUps };
    });
    for (const followUpId of followUps) await this.queues.cancelFollowUp(followUpId);
    return result;
  }

  private async allEventsAbout(conversationIds: string[], customerIds: string[], afterSeq: number, upToSeq: number | null, manager?: EntityManager): Promise<number[]> {
    if (conversationIds.length === 0 && customerIds.length === 0) return [];
    const seqs: number[] = [];
    for (let after = afterSeq; ; ) {
      const page = await this.repo.eventsAbout(conversationIds, customerIds, after, upToSeq, EVENT_PAGE, manager);
      seqs.push(...page);
      if (page.length < EVENT_PAGE) return seqs;
      after = page[page.length - 1]!;
    }
  }
}
