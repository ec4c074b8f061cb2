import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An erased customer's platform identity, as a hash only: enough to tell a returning person, never to link back. */
@Entity('erased_identities')
export class ErasedIdentityEntity {
  /** sha256 (hex) of the channel kind, the channel's account and the person's platform id (see domain/erased-identity). */
  @PrimaryColumn({ type: 'char', length: 64 })
  hash: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  erasedAt: Date;
}
