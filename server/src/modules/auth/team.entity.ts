import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SlaBreachAction } from '@rapport/shared';

@Entity('teams')
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_teams_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16, default: 'least_loaded' })
  strategy: 'least_loaded' | 'round_robin' | 'manual';

  @Column({ type: 'integer', default: 5 })
  defaultCapacity: number;

  /** IANA timezone of the business hours. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  /** Opening hours per weekday (mon…sun → [["09:00","17:00"], …]); empty means always open. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  businessHours: Record<string, Array<[string, string]>>;

  /** Local dates (YYYY-MM-DD) closed all day. */
  @Column({ type: 'varchar', length: 10, array: true, default: () => "'{}'" })
  holidays: string[];

  /** What an SLA breach does besides notifying: `reassign` moves it to an available colleague. */
  @Column({ type: 'varchar', length: 16, default: 'notify' })
  slaBreachAction: SlaBreachAction;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
