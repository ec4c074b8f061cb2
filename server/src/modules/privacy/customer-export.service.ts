import { Injectable } from '@nestjs/common';
import type { ExportedMerge } from '@rapport/shared';
import type { RequestOrigin } from '../../common/request-origin.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AuditService } from '../audit/audit.service.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import type { CustomerEntity } from '../customers/customer.entity.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { customerGone } from '../customers/customers.service.js';
import { exportFileName, openArrayIn, toExportedCustomer, toExportedIdentity, toExportedMessage } from './domain/export-document.js';
import { PrivacyRepository } from './privacy.repository.js';

/** Rows read per query: a customer with ten thousand messages is written out a page at a time. */
const CONVERSATION_PAGE = 50;
const MESSAGE_PAGE = 500;
const FOLLOW_UP_PAGE = 500;

export interface CustomerExportFile {
  filename: string;
  /** The JSON document in pieces, read one page at a time as the client takes them. */
  chunks: AsyncGenerator<string>;
}

/** Everything Rapport holds about a customer, as one JSON document written while it is read. */
@Injectable()
export class CustomerExportService {
  constructor(
    private readonly repo: PrivacyRepository,
    private readonly customers: CustomersRepository,
    private readonly conversations: ConversationsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Checks the customer and records the export before the first byte goes out (a 404 is still a 404). */
  async start(user: AuthUser, id: string, origin: RequestOrigin): Promise<CustomerExportFile> {
    const customer = await this.customers.findById(id);
    if (!customer || customer.mergedIntoId) throw customerGone(customer);
    const counts = await this.repo.counts(id);
    await this.audit.record({ action: 'customer.exported', actor: { id: user.id, email: user.email }, origin, target: { type: 'customer', id }, details: counts });
    return { filename: exportFileName(id), chunks: this.document(customer) };
  }

  private async *document(customer: CustomerEntity): AsyncGenerator<string> {
    const [identities, tombstones] = await Promise.all([this.customers.identitiesOf(customer.id), this.repo.tombstonesOf(customer.id)]);
    const byId = new Map(tombstones.map((t) => [t.id, t]));
    const merges = (await this.repo.mergesOf([customer.id, ...byId.keys()])).map(
      (m): ExportedMerge => {
        const source = byId.get(m.sourceId);
        return { id: m.id, targetId: m.targetId, sourceId: m.sourceId, identityIds: m.identityIds, byUserId: m.byUserId, createdAt: m.createdAt.toISOString(), source: source ? toExportedCustomer(source) : null };
      },
    );
    yield openArrayIn(
      JSON.stringify({ exportedAt: new Date().toISOString(), customer: toExportedCustomer(customer), identities: identities.map(toExportedIdentity), merges }),
      'followUps',
    );
    let first = true;
    for (let after: string | null = null; ; ) {
      const page = await this.repo.followUpsPage(customer.id, after, FOLLOW_UP_PAGE);
      if (page.length > 0) yield (first ? '' : ',') + page.map((f) => JSON.stringify(f)).join(',');
      first &&= page.length === 0;
      if (page.length < FOLLOW_UP_PAGE) break;
      after = page[page.length - 1]!.id;
    }
    yield '],"conversations":[';
    first = true;
    for (let after: string | null = null; ; ) {
      const ids = await this.repo.conversationIdsPage(customer.id, after, CONVERSATION_PAGE);
      const dtos = await this.conversations.loadDtos(ids);
      for (const id of ids) {
        const conversation = dtos.get(id);
        if (!conversation) continue;
        yield (first ? '' : ',') + openArrayIn(JSON.stringify(conversation), 'messages');
        first = false;
        yield* this.messages(id, conversation.customer.name);
        yield ']}';
      }
      if (ids.length < CONVERSATION_PAGE) break;
      after = ids[ids.length - 1]!;
    }
    yield ']}';
  }

  private async *messages(conversationId: string, customerName: string): AsyncGenerator<string> {
    let first = true;
    for (let after: string | null = null; ; ) {
      const page = await this.repo.messagesPage(conversationId, after, MESSAGE_PAGE);
      if (page.length > 0) yield (first ? '' : ',') + page.map((m) => JSON.stringify(toExportedMessage(m, customerName))).join(',');
      first = false;
      if (page.length < MESSAGE_PAGE) return;
      after = page[page.length - 1]!.id;
    }
  }
}
