import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { ConversationSla, ConversationStatus, Priority } from '@rapport/shared';
import { ChannelEntity } from '../channels/channel.entity.js';
import { CustomerEntity } from '../customers/customer.entity.js';
import { CustomerIdentityEntity } from '../customers/customer-identity.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { TeamEntity } from '../auth/team.entity.js';

@Entity('conversations')
// Keyset pagination of the inbox: newest activity first.
@Index('ix_conversations_activity', ['lastMessageAt', 'id'])
// The waiting queue (priority DESC, then wait), created by the Routing migration: TypeORM cannot express it.
@Index('ix_conversations_waiting', { synchronize: false })
// At most one unresolved conversation per customer thread, even when two workers race.
@Index('uq_conversations_open_thread', ['channelId', 'identityId', 'threadKey'], { unique: true, where: "status <> 'resolved'" })
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  channelId: string;

  @ManyToOne(() => ChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel: Relation<ChannelEntity>;

  @Index('ix_conversations_customer')
  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer: Relation<CustomerEntity>;

  @Column({ type: 'uuid' })
  identityId: string;

  @ManyToOne(() => CustomerIdentityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identity_id' })
  identity: Relation<CustomerIdentityEntity>;

  /** Platform thread a conversation follows ('' for private messages; the root post id for comments). */
  @Column({ type: 'varchar', length: 200, default: '' })
  threadKey: string;

  @Column({ type: 'boolean', default: false })
  isPublic: boolean;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: ConversationStatus;

  @Column({ type: 'varchar', length: 16, default: 'normal' })
  priority: Priority;

  /** Orders the waiting queue: higher first (tier, anger, urgency, SLA). */
  @Column({ type: 'integer', default: 0 })
  priorityScore: number;

  /** Why it got its priority, for the agent ("VIP customer", "angry tone"…). */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  prioritySignals: string[];

  /** Detected language of the customer's words (ISO 639-1). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  language: string | null;

  /** Topics, matched against agents' skills. */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  tags: string[];

  /** The earliest due time of the running SLA clocks: the waiting queue is served by it. */
  @Column({ type: 'timestamptz', nullable: true })
  slaDeadline: Date | null;

  /** The matching SLA policy's due times and the breaches of the current cycle (null: no policy applies). */
  @Column({ type: 'jsonb', nullable: true })
  sla: ConversationSla | null;

  @Index('ix_conversations_assignee')
  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee: Relation<UserEntity> | null;

  @Index('ix_conversations_team')
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => TeamEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team: Relation<TeamEntity> | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstMessageAt: Date | null;

  @Column({ type: 'timestamptz' })
  lastMessageAt: Date;

  @Column({ type: 'varchar', length: 280, nullable: true })
  lastMessagePreview: string | null;

  /** First customer message not yet answered by an agent; null when the last word was ours. */
  @Column({ type: 'timestamptz', nullable: true })
  waitingSince: Date | null;

  @Column({ type: 'integer', default: 0 })
  unreadCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  snoozedUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
