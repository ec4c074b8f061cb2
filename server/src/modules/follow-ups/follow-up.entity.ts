import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { FollowUpStatus } from '@rapport/shared';
import { UserEntity } from '../auth/user.entity.js';
import { ConversationEntity } from '../conversations/conversation.entity.js';

/** A reminder to get back to a customer; its delayed job reopens the conversation at `dueAt`. */
@Entity('follow_ups')
// A thread's follow-ups, and the lists by due time; cancelled ones are never listed.
@Index('ix_follow_ups_conversation', ['conversationId', 'dueAt'], { where: "status <> 'cancelled'" })
@Index('ix_follow_ups_due', ['dueAt', 'id'], { where: "status <> 'cancelled'" })
export class FollowUpEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation: Relation<ConversationEntity>;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy: Relation<UserEntity> | null;

  @Column({ type: 'varchar', length: 1000 })
  note: string;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'boolean', default: false })
  inCustomerHours: boolean;

  @Column({ type: 'varchar', length: 16, default: 'scheduled' })
  status: FollowUpStatus;

  @Column({ type: 'timestamptz', nullable: true })
  firedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
