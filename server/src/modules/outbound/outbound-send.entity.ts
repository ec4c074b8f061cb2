import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { MessageEntity } from '../conversations/message.entity.js';

/** `sending`: a send began and its outcome is not recorded yet; `refused`: the last send left nothing on the platform. */
export type OutboundSendState = 'sending' | 'refused';

/**
 * The send of one reply, written (and committed) before the platform is called: a retry that finds it
 * still `sending` knows the platform may have the reply already, and settles it without sending twice.
 */
@Entity('outbound_sends')
export class OutboundSendEntity {
  @PrimaryColumn({ type: 'uuid' })
  messageId: string;

  @OneToOne(() => MessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message: Relation<MessageEntity>;

  @Column({ type: 'varchar', length: 16 })
  state: OutboundSendState;

  /** Sends begun for this reply, the interrupted ones included. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When the latest send began (a platform's idempotency window runs from there). */
  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
