import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type SendClaim = { claimed: true } | { claimed: false; startedAt: Date };

/** The `outbound_sends` table: one row per reply that began leaving. */
@Injectable()
export class OutboundSendsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records (and commits) that a send of this reply begins now, unless an earlier one is still
   * `sending`: then nothing changes and its start is answered, for the caller to settle it first.
   */
  async claim(messageId: string): Promise<SendClaim> {
    const claimed: Array<{ message_id: string }> = await this.dataSource.query(
      `INSERT INTO outbound_sends (message_id, state, attempts, started_at) VALUES ($1, 'sending', 1, now())
       ON CONFLICT (message_id) DO UPDATE SET state = 'sending', attempts = outbound_sends.attempts + 1, started_at = now(), updated_at = now()
       WHERE outbound_sends.state <> 'sending'
       RETURNING message_id`,
      [messageId],
    );
    if (claimed.length > 0) return { claimed: true };
    const rows: Array<{ started_at: Date }> = await this.dataSource.query('SELECT started_at FROM outbound_sends WHERE message_id = $1', [messageId]);
    // Gone in between (the message was deleted): nothing to settle, claim again.
    if (!rows[0]) return this.claim(messageId);
    return { claimed: false, startedAt: rows[0].started_at };
  }

  /** A send found not to have happened (checked, or refused by the platform) starts afresh. */
  async restart(messageId: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbound_sends SET attempts = attempts + 1, started_at = now(), updated_at = now() WHERE message_id = $1`, [messageId]);
  }

  /** The platform refused, or the request never left: the next try may send without a check. */
  async refused(messageId: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbound_sends SET state = 'refused', updated_at = now() WHERE message_id = $1`, [messageId]);
  }
}
