import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { Attachment, AuthorType, MessageDirection, MessageStatus } from '@rapport/shared';
import { ConversationEntity } from './conversation.entity.js';
import { ChannelEntity } from '../channels/channel.entity.js';
import { UserEntity } from '../auth/user.entity.js';

@Entity('messages')
@Index('ix_messages_conversation_time', ['conversationId', 'createdAt', 'id'])
// Thread order: when written (platform time), then when it arrived.
@Index('ix_messages_conversation_thread', ['conversationId', 'sentAt', 'createdAt', 'id'])
// The outbound sweeper looks only at replies still waiting to leave.
@Index('ix_messages_queued_outbound', ['updatedAt'], { where: "status = 'queued' AND direction = 'outbound'" })
// A platform message is stored once per channel, however often it is delivered.
@Index('uq_messages_channel_external', ['channelId', 'externalId'], { unique: true })
// Full-text search over the unaccented text (Search migration), an expression TypeORM cannot express.
@Index('ix_messages_search', { synchronize: false })
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation: Relation<ConversationEntity>;

  @Column({ type: 'uuid' })
  channelId: string;

  @ManyToOne(() => ChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel: Relation<ChannelEntity>;

  @Column({ type: 'varchar', length: 16 })
  direction: MessageDirection;

  @Column({ type: 'varchar', length: 16 })
  authorType: AuthorType;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author: Relation<UserEntity> | null;

  @Column({ type: 'boolean', default: false })
  private: boolean;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: Attachment[];

  @Column({ type: 'varchar', length: 16 })
  status: MessageStatus;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  externalId: string | null;

  /** What replying to this customer message needs on its platform (chat id, visibility, comment id…). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  platformMeta: Record<string, string>;

  /** Idempotency key chosen by the sending client: the same key twice is one message. */
  @Index('uq_messages_client_id', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  clientId: string | null;

  /** Platform timestamp of a customer message, or when a reply left for the platform. */
  @Column({ type: 'timestamptz' })
  sentAt: Date;

  /** When Rapport stored it: the insert's own clock, not the transaction's start, so order follows commits under the row lock. */
  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
