import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ConversationEntity } from '../conversations/conversation.entity.js';

export type AssignmentReason = 'auto' | 'manual' | 'sticky' | 'offline' | 'capacity' | 'sla';

/** Every change of who owns a conversation: who did it, from whom, to whom, and why. */
@Entity('assignments')
@Index('ix_assignments_conversation', ['conversationId', 'createdAt'])
export class AssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation: Relation<ConversationEntity>;

  @Column({ type: 'uuid', nullable: true })
  fromUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  toUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  /** Null when routing decided. */
  @Column({ type: 'uuid', nullable: true })
  byUserId: string | null;

  @Column({ type: 'varchar', length: 16 })
  reason: AssignmentReason;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
