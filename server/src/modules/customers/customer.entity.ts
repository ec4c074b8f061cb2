import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { ContactHours, CustomerTier, PreferredLanguageSource } from '@rapport/shared';

@Entity('customers')
// Partial and expression indexes of the CustomerMerges migration: TypeORM cannot express them.
@Index('ix_customers_merged_into', { synchronize: false })
@Index('ix_customers_email', { synchronize: false })
@Index('ix_customers_phone', { synchronize: false })
// Name search by trigrams, on the unaccented name (Search migration).
@Index('ix_customers_name_search', { synchronize: false })
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null while the customer is known only by a platform id (the profile lookup may name them later). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 16, default: 'standard' })
  tier: CustomerTier;

  @Column({ type: 'varchar', length: 16, nullable: true })
  preferredLanguage: string | null;

  /** `learned` follows the customer's messages; once a `person` sets it, learning stops. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  preferredLanguageSource: PreferredLanguageSource | null;

  /** Confident language detections over the customer's messages, counted by ingest: `{ "es": 12 }`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  languageCounts: Record<string, number>;

  /** IANA name. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timezone: string | null;

  @Column({ type: 'jsonb', nullable: true })
  contactHours: ContactHours | null;

  @Column({ type: 'varchar', length: 50, array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'boolean', default: false })
  doNotContact: boolean;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  /** Set when this customer was folded into another: a tombstone a split can revive. */
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => CustomerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'FK_customers_merged_into' })
  mergedInto?: Relation<CustomerEntity>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  preferences: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** When the customer was erased: names, handles and texts are gone, the figures stay. */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
