import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { ChannelEntity } from '../../channels/channel.entity.js';

/** Where a polled channel has read up to, and whether the platform asked us to wait. */
@Entity('channel_cursors')
export class ChannelCursorEntity {
  @PrimaryColumn('uuid')
  channelId: string;

  @OneToOne(() => ChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel: Relation<ChannelEntity>;

  /** Platform cursor (since_id, offset, min_id); saved only after what it covers is queued. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  cursor: string | null;

  /** No poll before this time (rate limit reset). */
  @Column({ type: 'timestamptz', nullable: true })
  pausedUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastPolledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
