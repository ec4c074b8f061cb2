import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { ChannelKind, Priority } from '@rapport/shared';
import { TeamEntity } from '../auth/team.entity.js';

@Entity('sla_policies')
export class SlaPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Null: every team. */
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team: Relation<TeamEntity> | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  channelKind: ChannelKind | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  priority: Priority | null;

  @Column({ type: 'integer', nullable: true })
  firstResponseSeconds: number | null;

  @Column({ type: 'integer', nullable: true })
  nextReplySeconds: number | null;

  @Column({ type: 'integer', nullable: true })
  resolutionSeconds: number | null;

  @Column({ type: 'boolean', default: true })
  businessHoursOnly: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
