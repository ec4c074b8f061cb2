import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { CustomerIdentityEntity } from './customer-identity.entity.js';
import { CustomerEntity } from './customer.entity.js';

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
   * The identity of a sender on a channel with its customer, created on first contact. Platforms let
   * people rename themselves: the newest display name and handle are kept.
   */
  async upsertSender(manager: EntityManager, channelId: string, sender: SenderHint): Promise<{ identity: CustomerIdentityEntity; customer: CustomerEntity }> {
    const { externalId, name, handle } = sender;
    const existing = await this.identities(manager).findOne({ where: { channelId, externalId }, relations: { customer: true } });
    if (existing) {
      if ((name && name !== existing.displayName) || (handle && handle !== existing.handle)) {
        existing.displayName = name ?? existing.displayName;
        existing.handle = handle ?? existing.handle;
        await this.identities(manager).update({ id: existing.id }, { displayName: existing.displayName, handle: existing.handle });
      }
      const { customer, ...identity } = existing;
      return { identity: identity as CustomerIdentityEntity, customer };
    }
    // Known only by id until the profile lookup names them: no name is stored, the handle or id is shown.
    const customer = await this.customers(manager).save(this.customers(manager).create({ name: name ?? null }));
    const identity = await this.identities(manager).save(this.identities(manager).create({ customerId: customer.id, channelId, externalId, handle: handle ?? null, displayName: name ?? null }));
    return { identity, customer };
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
