import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DurableEventName } from '@rapport/shared';

/** The event log: one global, increasing `seq` feeds live delivery and `sync` replay alike. */
@Entity('events')
export class EventEntity {
  /** bigint arrives from pg as a string; callers convert with Number(). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column({ type: 'varchar', length: 64 })
  type: DurableEventName;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Users who hear this event (besides managers and admins, who hear everything). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  audienceUserIds: string[];

  /** Teams whose members hear this event. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  audienceTeamIds: string[];

  /** Teams whose leads hear this event. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  audienceLeadTeamIds: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
