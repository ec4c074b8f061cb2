import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { CustomerEntity } from './customer.entity.js';

/** One merge: which identities moved from the source customer into the target, so a split can undo one. */
@Entity('customer_merges')
@Index('ix_customer_merges_target', ['targetId', 'createdAt'])
export class CustomerMergeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  targetId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'FK_customer_merges_target' })
  target?: Relation<CustomerEntity>;

  @Column({ type: 'uuid' })
  sourceId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'FK_customer_merges_source' })
  source?: Relation<CustomerEntity>;

  /** Still here from that merge; an identity split off again leaves the list. */
  @Column({ type: 'uuid', array: true })
  identityIds: string[];

  @Column({ type: 'uuid', nullable: true })
  byUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_user_id', foreignKeyConstraintName: 'FK_customer_merges_by_user' })
  byUser?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
