import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { ChannelEntity } from '../channels/channel.entity.js';
import { CustomerEntity } from './customer.entity.js';

/** Who a customer is on one channel: their platform id there, handle and display name. */
@Entity('customer_identities')
@Index('uq_customer_identities_channel_external', ['channelId', 'externalId'], { unique: true })
// Handle, display name and platform id search by trigrams (Search migration).
@Index('ix_customer_identities_search', { synchronize: false })
export class CustomerIdentityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_customer_identities_customer')
  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer: Relation<CustomerEntity>;

  @Column({ type: 'uuid' })
  channelId: string;

  @ManyToOne(() => ChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel: Relation<ChannelEntity>;

  @Column({ type: 'varchar', length: 200 })
  externalId: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  handle: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  avatarUrl: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
