import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { TeamEntity } from '../auth/team.entity.js';

@Entity('canned_responses')
// A shortcut is unique within its scope: one team, or every team. Created by the CannedResponses migration.
@Index('uq_canned_responses_team_shortcut', ['teamId', 'shortcut'], { unique: true, where: 'team_id IS NOT NULL' })
@Index('uq_canned_responses_global_shortcut', ['shortcut'], { unique: true, where: 'team_id IS NULL' })
export class CannedResponseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 50 })
  shortcut: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** Null: every team. */
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team: Relation<TeamEntity> | null;

  /** ISO 639-1; null when written for anyone. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  language: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
