import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { ChannelKind } from '@rapport/shared';
import { TeamEntity } from '../auth/team.entity.js';

@Entity('channels')
export class ChannelEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: ChannelKind;

  /** Routing key in webhook URLs (`/webhooks/api/:key`); unique across channels. */
  @Index('uq_channels_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  key: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Non-secret settings (ids, URLs, poll intervals). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  config: Record<string, unknown>;

  /**
   * Tokens and signing secrets as JSON sealed with SECRETS_KEY (channel-secrets.ts): never selected unless
   * asked for, never returned by the API.
   */
  @Column({ type: 'text', default: () => "'{}'", select: false })
  secrets: string;

  /** Team that new conversations of this channel belong to. */
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => TeamEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team: Relation<TeamEntity> | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
