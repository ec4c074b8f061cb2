import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { z } from 'zod';
import type { CustomerMatch, CustomerProfile, MergeSuggestion, updateCustomerBody } from '@rapport/shared';
import { QueueService } from '../../core/queue.service.js';
import type { RequestOrigin } from '../../common/request-origin.js';
import { AuditService } from '../audit/audit.service.js';
import { isSupervisor, seesAllTeams, type AuthUser } from '../auth/auth-user.js';
import { customerName } from '../conversations/conversation.mapper.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { canViewConversation } from '../conversations/domain/access.js';
import { conversationAudience, type Audience } from '../events/audience.js';
import { Transactions, type Tx } from '../events/transactions.service.js';
import { assessPriority } from '../triage/priority.js';
import type { CustomerIdentityEntity } from './customer-identity.entity.js';
import type { CustomerEntity } from './customer.entity.js';
import { CustomersRepository } from './customers.repository.js';
import { lifetimeFigures } from './domain/lifetime-figures.js';
import { mergeProfiles, preferredLanguageOf } from './domain/merge-profiles.js';
import { normalizeEmail, normalizePhone, suggestMerges, type MatchKeys } from './domain/merge-suggestions.js';

type UpdateInput = z.output<typeof updateCustomerBody>;

const OTHER_TEAMS_CUSTOMER = 'This customer writes only to teams you are not in';

/** Everyone who may have the customer open: the assignees, teams and team leads of their conversations (managers and admins hear all). */
export function customerAudience(conversations: Array<{ assigneeId: string | null; teamId: string | null }>): Audience {
  const userIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const c of conversations) {
    if (c.assigneeId) userIds.add(c.assigneeId);
    if (c.teamId) teamIds.add(c.teamId);
  }
  return { userIds: [...userIds], teamIds: [...teamIds], leadTeamIds: [...teamIds] };
}

/** A customer that is missing, or merged away: the 404 names where it went. */
export function customerGone(customer: Pick<CustomerEntity, 'mergedIntoId'> | null): NotFoundException {
  if (!customer?.mergedIntoId) return new NotFoundException('Customer not found');
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Customer was merged into ${customer.mergedIntoId}`, mergedIntoId: customer.mergedIntoId });
}

/** The customer's name as lists show it: through their first identity when they have one. */
const shownName = (customer: CustomerEntity, identities: CustomerIdentityEntity[]): string => (identities[0] ? customerName(customer, identities[0]) : (customer.name ?? ''));

const matchKeys = (customer: CustomerEntity, identities: CustomerIdentityEntity[]): MatchKeys => ({
  id: customer.id,
  names: [customer.name, ...identities.map((i) => i.displayName)],
  emails: [customer.email],
  // A WhatsApp id is the customer's phone number.
  phones: [customer.phone, ...identities.filter((i) => i.channel.kind === 'whatsapp').map((i) => i.externalId)],
});

/**
 * The single customer view: who they are on every channel, what they prefer, every conversation; and
 * one person's customers folded together (merge) or taken apart again (split).
 */
@Injectable()
export class CustomersService {
  constructor(
    private readonly customers: CustomersRepository,
    private readonly conversations: ConversationsRepository,
    private readonly transactions: Transactions,
    private readonly queues: QueueService,
    private readonly audit: AuditService,
  ) {}

  async update(user: AuthUser, id: string, body: UpdateInput): Promise<CustomerProfile> {
    await this.visible(user, id);
    if (body.tier !== undefined && !isSupervisor(user)) throw new ForbiddenException('Only leads, managers and admins change a customer\'s tier');
    await this.transactions.run(async (tx) => {
      const [customer] = await this.customers.lockCustomers(tx.manager, [id]);
      if (!customer || customer.mergedIntoId) throw this.gone(customer ?? null);
      const previousTier = customer.tier;
      if (body.name !== undefined) customer.name = body.name;
      if (body.tier !== undefined) customer.tier = body.tier;
      if (body.preferredLanguage !== undefined) {
        // Set by a person it stays; cleared, it is learned from the customer's messages again.
        Object.assign(customer, preferredLanguageOf({ preferredLanguage: body.preferredLanguage, preferredLanguageSource: 'person', languageCounts: customer.languageCounts }));
      }
      if (body.notes !== undefined) customer.notes = body.notes;
      if (body.preferences !== undefined) customer.preferences = body.preferences;
      if (body.timezone !== undefined) customer.timezone = body.timezone;
      if (body.contactHours !== undefined) customer.contactHours = body.contactHours;
      if (body.tags !== undefined) customer.tags = body.tags;
      if (body.doNotContact !== undefined) customer.doNotContact = body.doNotContact;
      if (body.email !== undefined) customer.email = body.email;
      if (body.phone !== undefined) customer.phone = body.phone;
      await this.customers.save(tx.manager, customer);
      if (customer.tier !== previousTier) await this.reprioritize(tx, customer);
      tx.publish('customer.updated', { customerId: id }, customerAudience(await this.conversations.ofCustomer(id)));
    });
    return this.profile(user, id);
  }

  /**
   * Folds `sourceId` into `targetId` in one transaction: identities, conversations and what the profile
   * remembers (see mergeProfiles). The source stays as a tombstone pointing at the target, and the merge is
   * recorded with the identities it moved, so a split can give one back.
   */
  async merge(user: AuthUser, targetId: string, sourceId: string, origin: RequestOrigin | null = null): Promise<CustomerProfile> {
    if (targetId === sourceId) throw new BadRequestException('customerId: a customer cannot be merged with itself');
    await this.visible(user, targetId);
    await this.visible(user, sourceId);
    const audienceBefore = [...(await this.conversations.ofCustomer(targetId)), ...(await this.conversations.ofCustomer(sourceId))];
    await this.transactions.run(async (tx) => {
      const { manager } = tx;
      const listed = await this.customers.identitiesOfCustomers([targetId, sourceId], manager);
      // Ingest takes these first: no batch writes for either customer's senders until the merge commits.
      await this.customers.lockSenders(manager, listed);
      const identities = await this.customers.lockIdentitiesOf(manager, [targetId, sourceId]);
      const locked = await this.customers.lockCustomers(manager, [targetId, sourceId]);
      const target = locked.find((c) => c.id === targetId);
      const source = locked.find((c) => c.id === sourceId);
      if (!target || !source || target.mergedIntoId || source.mergedIntoId) throw new ConflictException('One of the customers was merged meanwhile: open the profile again');
      if (identities.length !== listed.length) throw new ConflictException('The customers changed meanwhile: try again');
      if (target.erasedAt || source.erasedAt) throw new BadRequestException('customerId: an erased customer cannot be merged');

      const merged = mergeProfiles(target, source);
      const tierChanged = merged.tier !== target.tier || merged.tier !== source.tier;
      Object.assign(target, merged);
      await this.customers.save(manager, target);
      await this.customers.tombstone(manager, sourceId, targetId);
      const moving = identities.filter((i) => i.customerId === sourceId).map((i) => i.id);
      await this.customers.moveIdentities(manager, moving, targetId);
      const moved = await this.conversations.moveToCustomer(manager, sourceId, targetId);
      await this.customers.recordMerge(manager, { targetId, sourceId, identityIds: moving, byUserId: user.id });

      const published = tierChanged ? await this.reprioritize(tx, target) : new Set<string>();
      await this.publishMoved(tx, moved.filter((id) => !published.has(id)));
      tx.publish('customer.updated', { customerId: targetId, mergedFromId: sourceId }, customerAudience(audienceBefore));
      await this.audit.record(
        { action: 'customer.merged', actor: { id: user.id, email: user.email }, origin, target: { type: 'customer', id: targetId }, details: { sourceId, identities: moving.length, conversations: moved.length } },
        manager,
      );
    });
    return this.profile(user, targetId);
  }

  /**
   * Takes one identity and its conversations out of the customer: back to the customer it was merged from
   * (revived), or to a new customer when it was never merged in. Answers the profile it went to.
   */
  async split(user: AuthUser, id: string, identityId: string, origin: RequestOrigin | null = null): Promise<CustomerProfile> {
    await this.visible(user, id);
    const audienceBefore = await this.conversations.ofCustomer(id);
    const destinationId = await this.transactions.run(async (tx) => {
      const { manager } = tx;
      const listed = await this.customers.identitiesOfCustomers([id], manager);
      const identity = listed.find((i) => i.id === identityId);
      if (!identity) throw new BadRequestException('identityId: not an identity of this customer');
      if (listed.length === 1) throw new BadRequestException('identityId: this is the customer\'s only identity; nothing to split off');
      await this.customers.lockSenders(manager, [identity]);
      const identities = await this.customers.lockIdentitiesOf(manager, [id]);
      if (identities.length !== listed.length || !identities.some((i) => i.id === identityId)) throw new ConflictException('The customer changed meanwhile: try again');
      const merge = await this.customers.lastMergeOf(manager, id, identityId);
      const locked = await this.customers.lockCustomers(manager, merge ? [id, merge.sourceId] : [id]);
      const customer = locked.find((c) => c.id === id);
      if (!customer || customer.mergedIntoId) throw new ConflictException('The customer was merged meanwhile: open the profile again');
      if (customer.erasedAt) throw new BadRequestException('identityId: an erased customer cannot be split');

      const original = merge ? locked.find((c) => c.id === merge.sourceId) : undefined;
      let destination: CustomerEntity;
      if (original && merge) {
        await this.customers.revive(manager, original.id);
        await this.customers.forgetMergedIdentity(manager, merge.id, identityId);
        destination = original;
      } else {
        destination = await this.customers.insert(manager, { name: identity.displayName });
      }
      await this.customers.moveIdentities(manager, [identityId], destination.id);
      const moved = await this.conversations.moveToCustomer(manager, id, destination.id, [identityId]);
      const published = destination.tier !== customer.tier ? await this.reprioritize(tx, destination) : new Set<string>();
      await this.publishMoved(tx, moved.filter((c) => !published.has(c)));
      const audience = customerAudience(audienceBefore);
      tx.publish('customer.updated', { customerId: id }, audience);
      tx.publish('customer.updated', { customerId: destination.id }, audience);
      await this.audit.record(
        {
          action: 'customer.split',
          actor: { id: user.id, email: user.email },
          origin,
          target: { type: 'customer', id },
          details: { identityId, destinationId: destination.id, revived: original !== undefined, conversations: moved.length },
        },
        manager,
      );
      return destination.id;
    });
    const destination = (await this.customers.findById(destinationId))!;
    return this.buildProfile(user, destination);
  }

  /** Customers who may be this one on another channel: same name and the same email or phone. Never merged by themselves. */
  async mergeSuggestions(user: AuthUser, id: string): Promise<MergeSuggestion[]> {
    const customer = await this.visible(user, id);
    const identities = await this.customers.identitiesOfCustomers([id]);
    const subject = matchKeys(customer, identities);
    const emails = subject.emails.filter((e): e is string => e !== null).map(normalizeEmail);
    const phones = subject.phones.filter((p): p is string => p !== null).map(normalizePhone).filter((p) => p.length > 0);
    const candidateIds = await this.customers.sharingContact(emails, phones, id);
    const seeable = await this.seeable(user, candidateIds);
    const [candidates, candidateIdentities] = await Promise.all([this.customers.findMany(seeable), this.customers.identitiesOfCustomers(seeable)]);
    const keys = candidates.map((c) => matchKeys(c, candidateIdentities.filter((i) => i.customerId === c.id)));
    const byId = new Map(candidates.map((c) => [c.id, c]));
    return suggestMerges(subject, keys).map((found) => ({
      customer: this.toMatch(byId.get(found.customerId)!, candidateIdentities),
      reasons: found.reasons,
    }));
  }

  /** Customers by name, email, phone, handle or platform id, for picking one to merge. */
  async search(user: AuthUser, q: string, limit: number): Promise<{ items: CustomerMatch[] }> {
    // Agents see fewer customers than match: look a little further so a page is still full.
    const ids = await this.seeable(user, await this.customers.search(q, seesAllTeams(user) ? limit : limit * 5));
    const page = ids.slice(0, limit);
    const [customers, identities] = await Promise.all([this.customers.findMany(page), this.customers.identitiesOfCustomers(page)]);
    const byId = new Map(customers.map((c) => [c.id, c]));
    return { items: page.map((cid) => this.toMatch(byId.get(cid)!, identities)) };
  }

  async profile(user: AuthUser, id: string): Promise<CustomerProfile> {
    const customer = await this.live(id);
    const profile = await this.buildProfile(user, customer);
    // An agent may open a customer only through a conversation they can see.
    if (profile.conversations.length === 0 && profile.stats.conversations > 0) throw new ForbiddenException(OTHER_TEAMS_CUSTOMER);
    return profile;
  }

  private async buildProfile(user: AuthUser, customer: CustomerEntity): Promise<CustomerProfile> {
    const [identities, conversations] = await Promise.all([this.customers.identitiesOf(customer.id), this.conversations.ofCustomer(customer.id)]);
    const visible = conversations.filter((c) => canViewConversation(user, c));
    return {
      id: customer.id,
      name: shownName(customer, identities),
      tier: customer.tier,
      preferredLanguage: customer.preferredLanguage,
      preferredLanguageSource: customer.preferredLanguageSource,
      preferences: customer.preferences,
      notes: customer.notes,
      timezone: customer.timezone,
      contactHours: customer.contactHours,
      tags: customer.tags,
      doNotContact: customer.doNotContact,
      email: customer.email,
      phone: customer.phone,
      identities: identities.map((i) => ({
        id: i.id,
        channelId: i.channelId,
        channelKind: i.channel.kind,
        externalId: i.externalId,
        handle: i.handle,
        displayName: i.displayName,
        avatarUrl: i.avatarUrl,
      })),
      conversations: visible.map((c) => ({
        id: c.id,
        channelId: c.channelId,
        channelKind: c.channel.kind,
        status: c.status,
        lastMessageAt: c.lastMessageAt.toISOString(),
        lastMessagePreview: c.lastMessagePreview,
      })),
      stats: lifetimeFigures(conversations),
      createdAt: customer.createdAt.toISOString(),
      erasedAt: customer.erasedAt?.toISOString() ?? null,
    };
  }

  /** A new tier changes where the customer's open conversations stand in the queue, now. Answers the ids published. */
  private async reprioritize(tx: Tx, customer: CustomerEntity): Promise<Set<string>> {
    const published = new Set<string>();
    for (const conversation of await this.conversations.unresolvedOfCustomer(tx.manager, customer.id)) {
      const assessed = assessPriority({ tier: customer.tier, text: conversation.lastMessagePreview ?? '', waitingSince: conversation.waitingSince, slaDeadline: conversation.slaDeadline, now: new Date() });
      await this.conversations.update(tx.manager, conversation.id, { priority: assessed.level, priorityScore: assessed.score, prioritySignals: assessed.signals });
      const dto = (await this.conversations.loadDto(conversation.id, tx.manager))!;
      tx.publish('conversation.updated', { conversation: dto }, conversationAudience(dto));
      published.add(conversation.id);
      // A VIP or urgent conversation may have a policy of its own.
      if (assessed.level !== conversation.priority) tx.afterCommit(() => this.queues.addSlaRefresh(conversation.id));
    }
    return published;
  }

  /** Open threads show the conversation's new customer at once. */
  private async publishMoved(tx: Tx, conversationIds: string[]): Promise<void> {
    const dtos = await this.conversations.loadDtos(conversationIds, tx.manager);
    for (const dto of dtos.values()) tx.publish('conversation.updated', { conversation: dto }, conversationAudience(dto));
  }

  private toMatch(customer: CustomerEntity, identities: CustomerIdentityEntity[]): CustomerMatch {
    const own = identities.filter((i) => i.customerId === customer.id);
    return {
      id: customer.id,
      name: shownName(customer, own),
      tier: customer.tier,
      email: customer.email,
      phone: customer.phone,
      identities: own.map((i) => ({ id: i.id, channelKind: i.channel.kind, handle: i.handle, externalId: i.externalId, displayName: i.displayName })),
    };
  }

  /** A customer that is not merged away; a merged one answers 404 naming where it went. */
  private async live(id: string): Promise<CustomerEntity> {
    const customer = await this.customers.findById(id);
    if (!customer || customer.mergedIntoId) throw this.gone(customer);
    return customer;
  }

  private gone(customer: CustomerEntity | null): NotFoundException {
    return customerGone(customer);
  }

  /** Agents work on customers they can see: one of whose conversations is theirs or their team's (or who has none). */
  private async visible(user: AuthUser, id: string): Promise<CustomerEntity> {
    const customer = await this.live(id);
    if ((await this.seeable(user, [id])).length === 0) throw new ForbiddenException(OTHER_TEAMS_CUSTOMER);
    return customer;
  }

  private async seeable(user: AuthUser, ids: string[]): Promise<string[]> {
    if (seesAllTeams(user) || ids.length === 0) return ids;
    const visibility = await this.conversations.visibilityOf(ids, user);
    return ids.filter((id) => {
      const v = visibility.get(id);
      return !v || v.visible > 0;
    });
  }
}
