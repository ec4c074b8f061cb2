import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { CustomerTier } from '@rapport/shared';
import { CustomerIdentityEntity } from './customer-identity.entity.js';
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
}
