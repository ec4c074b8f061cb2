import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@rapport/shared';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'varchar', length: 200, select: false })
  passwordHash: string;

  /** Most open conversations routing gives them at once; null = their team's default. */
  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  /** Tags they handle best (matched against conversation tags). */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  skills: string[];

  /** ISO 639-1 codes they answer in. */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  languages: string[];

  /** Whether routing hands them conversations (agents by default; a lead opts in). */
  @Column({ type: 'boolean', default: false })
  autoAssign: boolean;

  /** When routing last gave them a conversation: ties go to whoever waited longest. */
  @Column({ type: 'timestamptz', nullable: true })
  lastAssignedAt: Date | null;

  /** False once an admin deactivated them: no sign-in, no token accepted, no work from routing. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
