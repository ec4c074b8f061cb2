import { Injectable } from '@nestjs/common';
import type { ProfileJob } from '../../core/queues.js';
import { ChannelRegistry } from '../channels/channel-registry.js';
import { ChannelsService } from '../channels/channels.service.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { conversationAudience } from '../events/audience.js';
import { Transactions } from '../events/transactions.service.js';

export type LookupOutcome = 'named' | 'unchanged' | 'no-profile' | 'skipped';

/**
 * Names an id-only sender from the platform's profile API, after their message is stored and shown. A
 * lookup that fails throws, so the job is retried with backoff; nothing is stored in place of the name.
 */
@Injectable()
export class ProfileLookupService {
  constructor(
    private readonly channels: ChannelsService,
    private readonly registry: ChannelRegistry,
    private readonly customers: CustomersRepository,
    private readonly conversations: ConversationsRepository,
    private readonly transactions: Transactions,
  ) {}

  async lookUp(job: ProfileJob): Promise<LookupOutcome> {
    const [channel, identity] = await Promise.all([this.channels.context({ id: job.channelId }), this.customers.findIdentity(job.identityId)]);
    const adapter = channel ? this.registry.get(channel.kind) : null;
    if (!channel || !identity || !adapter?.lookupProfile) return 'skipped';
    const profile = await adapter.lookupProfile(channel, identity.externalId);
    if (!profile) return 'no-profile';
    return this.transactions.run(async (tx) => {
      const applied = await this.customers.applyProfile(tx.manager, identity.id, profile);
      if (!applied?.changed) return 'unchanged';
      // Every open conversation of the customer shows the new name at once.
      for (const conversation of await this.conversations.unresolvedOfCustomer(tx.manager, applied.customerId)) {
        const dto = (await this.conversations.loadDto(conversation.id, tx.manager))!;
        tx.publish('conversation.updated', { conversation: dto }, conversationAudience(dto));
      }
      return 'named';
    });
  }
}
