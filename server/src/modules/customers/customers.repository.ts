import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { CustomerTier } from '@rapport/shared';
import { CustomerIdentityEntity } from './customer-identity.entity.js';
import { CustomerMergeEntity } from './customer-merge.entity.js';
import { CustomerEntity } from './customer.entity.js';

export interface SenderKey {
  channelId: string;
  externalId: string;
}

export const senderKey = (s: SenderKey): string => `${s.channelId}\n${s.externalId}`;

/** A sender's identity on one channel, with what ingest needs of its customer. */
export interface KnownSender extends SenderKey {
  id: string;
  customerId: string;
  displayName: string | null;
  handle: string | null;
  tier: CustomerTier;
}

export interface SenderHint {
  externalId: string;
  name?: string | undefined;
  handle?: string | undefined;
}

/** Customers and their identities per channel, for every module. */
@Injectable()
export class CustomersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private customers(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(CustomerEntity);
  }

  private identities(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(CustomerIdentityEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<CustomerEntity | null> {
    return this.customers(manager).findOneBy({ id });
  }

  save(manager: EntityManager, customer: CustomerEntity): Promise<CustomerEntity> {
    return this.customers(manager).save(customer);
  }

  /**
   * Holds back every other transaction writing for these senders until this one ends, so one sender never
   * gets two customers or two open conversations. Taken in one order, so two batches cannot deadlock.
   */
  async lockSenders(manager: EntityManager, senders: SenderKey[]): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext(k)) FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY 1) sorted', [
      senders.map((s) => `${s.channelId}:${s.externalId}`),
    ]);
  }

  /**
   * The identities of senders on their channels, each with its customer, created on first contact.
   * Platforms let people rename themselves: the newest display name and handle are kept. Known only by id
   * until the profile lookup names them, a sender gets no name: the handle or id is shown.
   * Keyed by `senderKey`; call under `lockSenders`.
   */
  async upsertSenders(manager: EntityManager, senders: Array<SenderKey & { sender: SenderHint }>): Promise<Map<string, KnownSender>> {
    const hints = new Map(senders.map((s) => [senderKey(s), s]));
    const keys = [...hints.values()];
    const rows: Array<{ id: string; customer_id: string; channel_id: string; external_id: string; display_name: string | null; handle: string | null; tier: CustomerTier }> =
      await manager.query(
        `SELECT i.id, i.customer_id, i.channel_id, i.external_id, i.display_name, i.handle, c.tier
         FROM customer_identities i JOIN customers c ON c.id = i.customer_id
         WHERE (i.channel_id, i.external_id) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
        [keys.map((k) => k.channelId), keys.map((k) => k.externalId)],
      );
    const known = new Map<string, KnownSender>();
    const renamed: KnownSender[] = [];
    for (const row of rows) {
      const { sender } = hints.get(senderKey({ channelId: row.channel_id, externalId: row.external_id }))!;
      const displayName = sender.name ?? row.display_name;
      const handle = sender.handle ?? row.handle;
      const identity = { id: row.id, customerId: row.customer_id, channelId: row.channel_id, externalId: row.external_id, displayName, handle, tier: row.tier };
      if (displayName !== row.display_name || handle !== row.handle) renamed.push(identity);
      known.set(senderKey(identity), identity);
    }
    if (renamed.length > 0) {
      await manager.query(
        `UPDATE customer_identities i SET display_name = v.display_name, handle = v.handle, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, display_name, handle) WHERE i.id = v.id`,
        [renamed.map((r) => r.id), renamed.map((r) => r.displayName), renamed.map((r) => r.handle)],
      );
    }
    const created = keys
      .filter((k) => !known.has(senderKey(k)))
      .map(({ channelId, externalId, sender }): KnownSender => ({
        id: randomUUID(),
        customerId: randomUUID(),
        channelId,
        externalId,
        displayName: sender.name ?? null,
        handle: sender.handle ?? null,
        tier: 'standard',
      }));
    if (created.length > 0) {
      await this.customers(manager).insert(created.map((c) => ({ id: c.customerId, name: c.displayName })));
      await this.identities(manager).insert(created.map(({ id, customerId, channelId, externalId, handle, displayName }) => ({ id, customerId, channelId, externalId, handle, displayName })));
      for (const c of created) known.set(senderKey(c), c);
    }
    return known;
  }

  findIdentity(id: string): Promise<CustomerIdentityEntity | null> {
    return this.identities().findOne({ where: { id }, relations: { customer: true } });
  }

  identitiesOf(customerId: string): Promise<CustomerIdentityEntity[]> {
    return this.identities().find({ where: { customerId }, relations: { channel: true }, order: { createdAt: 'ASC' } });
  }

  /** What a profile lookup learned; the customer takes the name only while nobody has named them. */
  async applyProfile(manager: EntityManager, identityId: string, profile: { name?: string | undefined; handle?: string | undefined; avatarUrl?: string | undefined }): Promise<{ customerId: string; changed: boolean } | null> {
    const identity = await this.identities(manager).createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :identityId', { identityId }).getOne();
    if (!identity) return null;
    const changes: Partial<Pick<CustomerIdentityEntity, 'displayName' | 'handle' | 'avatarUrl'>> = {};
    if (profile.name && profile.name !== identity.displayName) changes.displayName = profile.name;
    if (profile.handle && profile.handle !== identity.handle) changes.handle = profile.handle;
    if (profile.avatarUrl && profile.avatarUrl !== identity.avatarUrl) changes.avatarUrl = profile.avatarUrl;
    if (Object.keys(changes).length > 0) await this.identities(manager).update({ id: identityId }, changes);
    const named = profile.name ? await this.customers(manager).update({ id: identity.customerId, name: IsNull() }, { name: profile.name }) : null;
    return { customerId: identity.customerId, changed: Object.keys(changes).length > 0 || (named?.affected ?? 0) > 0 };
  }

  /**
   * Adds a batch's detected languages to each customer's counts and follows them with the learned language,
   * unless a person set it: one statement per batch. Rows are locked in id order, so batches writing for
   * two identities of one customer at once cannot deadlock.
   */
  async countLanguages(manager: EntityManager, detections: Array<{ customerId: string; language: string }>): Promise<void> {
    if (detections.length === 0) return;
    // Old and new counts as rows; the SET expressions read the row being updated, so a concurrent batch's counts are never lost.
    const merged = `SELECT k, sum(n)::int AS n FROM (
        SELECT key AS k, value::int AS n FROM jsonb_each_text(c.language_counts)
        UNION ALL SELECT key, value::int FROM jsonb_each_text(v.counts)) parts GROUP BY k`;
    await manager.query(
      `WITH v AS (
         SELECT customer_id, jsonb_object_agg(language, n) AS counts
         FROM (SELECT customer_id, language, count(*)::int AS n FROM unnest($1::uuid[], $2::text[]) AS d(customer_id, language) GROUP BY 1, 2) per
         GROUP BY customer_id
       ), locked AS (
         SELECT c.id FROM customers c WHERE c.id IN (SELECT customer_id FROM v) ORDER BY c.id FOR UPDATE
       )
       UPDATE customers c SET
         language_counts = (SELECT jsonb_object_agg(k, n) FROM (${merged}) m),
         preferred_language = CASE WHEN c.preferred_language_source = 'person' AND c.preferred_language IS NOT NULL THEN c.preferred_language
           ELSE (SELECT k FROM (${merged}) m ORDER BY n DESC, (k = c.preferred_language) DESC, k LIMIT 1) END,
         preferred_language_source = CASE WHEN c.preferred_language_source = 'person' AND c.preferred_language IS NOT NULL THEN 'person' ELSE 'learned' END
       FROM v JOIN locked ON locked.id = v.customer_id
       WHERE c.id = v.customer_id`,
      [detections.map((d) => d.customerId), detections.map((d) => d.language)],
    );
  }

  // ---- one customer across channels: merge and split ----

  insert(manager: EntityManager, fields: Partial<CustomerEntity>): Promise<CustomerEntity> {
    const repo = this.customers(manager);
    return repo.save(repo.create(fields));
  }

  /** Locks customers in id order (two merges of the same pair cannot deadlock); tombstones included. */
  lockCustomers(manager: EntityManager, ids: string[]): Promise<CustomerEntity[]> {
    return this.customers(manager).createQueryBuilder('c').setLock('pessimistic_write').where('c.id IN (:...ids)', { ids }).orderBy('c.id').getMany();
  }

  /** The identities of customers, locked in id order: a profile lookup renaming one waits, and vice versa. */
  lockIdentitiesOf(manager: EntityManager, customerIds: string[]): Promise<CustomerIdentityEntity[]> {
    return this.identities(manager).createQueryBuilder('i').setLock('pessimistic_write').where('i.customer_id IN (:...customerIds)', { customerIds }).orderBy('i.id').getMany();
  }

  identitiesOfCustomers(customerIds: string[], manager?: EntityManager): Promise<CustomerIdentityEntity[]> {
    if (customerIds.length === 0) return Promise.resolve([]);
    return this.identities(manager).find({ where: { customerId: In(customerIds) }, relations: { channel: true }, order: { createdAt: 'ASC' } });
  }

  /** The source points at the target, and so do the customers merged into the source before. */
  async tombstone(manager: EntityManager, sourceId: string, targetId: string): Promise<void> {
    await manager.query('UPDATE customers SET merged_into_id = $2, updated_at = now() WHERE id = $1 OR merged_into_id = $1', [sourceId, targetId]);
  }

  async revive(manager: EntityManager, id: string): Promise<void> {
    await this.customers(manager).update({ id }, { mergedIntoId: null });
  }

  async moveIdentities(manager: EntityManager, identityIds: string[], customerId: string): Promise<void> {
    if (identityIds.length > 0) await this.identities(manager).update({ id: In(identityIds) }, { customerId });
  }

  async recordMerge(manager: EntityManager, merge: Pick<CustomerMergeEntity, 'targetId' | 'sourceId' | 'identityIds' | 'byUserId'>): Promise<void> {
    await manager.getRepository(CustomerMergeEntity).insert(merge);
  }

  /** The latest merge that brought this identity into the customer, if one did. */
  lastMergeOf(manager: EntityManager, customerId: string, identityId: string): Promise<CustomerMergeEntity | null> {
    return manager
      .getRepository(CustomerMergeEntity)
      .createQueryBuilder('m')
      .where('m.target_id = :customerId AND :identityId = ANY(m.identity_ids)', { customerId, identityId })
      .orderBy('m.created_at', 'DESC')
      .getOne();
  }

  /** The identity left the customer it was merged into: that merge no longer holds it. */
  async forgetMergedIdentity(manager: EntityManager, mergeId: string, identityId: string): Promise<void> {
    await manager.query('UPDATE customer_merges SET identity_ids = array_remove(identity_ids, $2::uuid) WHERE id = $1', [mergeId, identityId]);
  }

  // ---- finding customers: search and merge suggestions ----

  /** Live customers whose name, email, phone or an identity's handle, name or platform id contains `q` (a phone by its digits). */
  async search(q: string, limit: number): Promise<string[]> {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const digits = q.replace(/\D/g, '');
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT c.id FROM customers c
       WHERE c.merged_into_id IS NULL AND (
         c.name ILIKE $1 OR c.email ILIKE $1 OR ($2 <> '' AND regexp_replace(c.phone, '[^0-9]', '', 'g') LIKE '%' || $2 || '%')
         OR EXISTS (SELECT 1 FROM customer_identities i WHERE i.customer_id = c.id
                    AND (i.handle ILIKE $1 OR i.display_name ILIKE $1 OR i.external_id ILIKE $1 OR ($2 <> '' AND i.external_id LIKE '%' || $2 || '%'))))
       ORDER BY c.updated_at DESC LIMIT $3`,
      [like, digits.length >= 4 ? digits : '', limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * For conversation search: customers whose name matches a LIKE pattern or is very like `name`
   * (trigram strict word similarity at least `similarity`), or one of whose handles, display names or
   * platform ids matches the pattern; accents and case aside, through the Search migration's indexes.
   */
  async namedLike(pattern: string, name: string, similarity: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT cu.id FROM customers cu
       WHERE search_fold(cu.name) LIKE search_fold($1)
          OR (search_fold($2) <<% search_fold(cu.name) AND strict_word_similarity(search_fold($2), search_fold(cu.name)) >= $3)
       UNION
       SELECT ci.customer_id FROM customer_identities ci WHERE search_identity(ci.handle, ci.display_name, ci.external_id) LIKE search_fold($1)`,
      [pattern, name, similarity],
    );
    return rows.map((r) => r.id);
  }

  /** Live customers sharing an email or a phone (their own, or a WhatsApp id, which is one) with these. */
  async sharingContact(emails: string[], phoneDigits: string[], exceptId: string): Promise<string[]> {
    if (emails.length === 0 && phoneDigits.length === 0) return [];
    const own: Array<{ id: string }> = await this.dataSource.query(
      `SELECT c.id FROM customers c
       WHERE c.merged_into_id IS NULL AND c.id <> $3
         AND ((c.email IS NOT NULL AND lower(c.email) = ANY($1::text[])) OR (c.phone IS NOT NULL AND regexp_replace(c.phone, '[^0-9]', '', 'g') = ANY($2::text[])))
       LIMIT 50`,
      [emails, phoneDigits, exceptId],
    );
    const whatsapp =
      phoneDigits.length === 0
        ? []
        : await this.identities()
            .createQueryBuilder('i')
            .innerJoin('i.channel', 'ch')
            .select('i.customer_id', 'id')
            .where("ch.kind = 'whatsapp' AND i.external_id IN (:...phoneDigits) AND i.customer_id <> :exceptId", { phoneDigits, exceptId })
            .limit(50)
            .getRawMany<{ id: string }>();
    return [...new Set([...own, ...whatsapp].map((r) => r.id))];
  }

  findMany(ids: string[]): Promise<CustomerEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.customers().findBy({ id: In(ids) });
  }
}
