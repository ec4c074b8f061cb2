import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ChannelKind, DeadLetterStatus } from '@rapport/shared';

/** A platform event Rapport acknowledged but could not read, kept as it came until a retry reads it. */
@Entity('dead_letters')
@Index('ix_dead_letters_created', ['createdAt', 'id'])
@Index('ix_dead_letters_status', ['status', 'createdAt', 'id'])
export class DeadLetterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  channelKind: ChannelKind;

  /** Null when the event named no known channel; set null when the channel is deleted. */
  @Column({ type: 'uuid', nullable: true })
  channelId: string | null;

  /** `webhook:<meta|whatsapp|x|telegram|api>` or `poll:<kind>`. */
  @Column({ type: 'varchar', length: 40 })
  source: string;

  /** As received: the webhook body byte for byte, or the platform's page holding just the polled entry. */
  @Column({ type: 'text' })
  rawBody: string;

  @Column({ type: 'varchar', length: 100, default: 'application/json' })
  contentType: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DeadLetterStatus;

  @Column({ type: 'int', default: 1 })
  attempts: number;

  /** The same body from the same source is one dead letter, however often it is redelivered or re-read. */
  @Index('uq_dead_letters_fingerprint', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastTriedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
