import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SlaMetric } from '@rapport/shared';

export interface Breach {
  metric: SlaMetric;
  clockStartedAt: Date;
  dueAt: Date;
  breachedAt: Date;
}

interface BreachRow {
  metric: SlaMetric;
  clock_started_at: Date;
  due_at: Date;
  breached_at: Date;
}

/** The `sla_breaches` table: one row per run of a clock that passed its due time. */
@Injectable()
export class SlaBreachesRepository {
  /** The conversation's breaches of clocks that started at or after `since` (its current cycle). */
  async since(manager: EntityManager, conversationId: string, since: Date): Promise<Breach[]> {
    const rows: BreachRow[] = await manager.query(
      'SELECT metric, clock_started_at, due_at, breached_at FROM sla_breaches WHERE conversation_id = $1 AND clock_started_at >= $2 ORDER BY breached_at',
      [conversationId, since],
    );
    return rows.map((r) => ({ metric: r.metric, clockStartedAt: r.clock_started_at, dueAt: r.due_at, breachedAt: r.breached_at }));
  }

  /** Records a breach once: false when this run of the clock has breached already. */
  async record(
    manager: EntityManager,
    breach: Breach & { conversationId: string; policyId: string; agentId: string | null; teamId: string | null; channelId: string },
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO sla_breaches (conversation_id, metric, clock_started_at, due_at, breached_at, policy_id, agent_id, team_id, channel_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (conversation_id, metric, clock_started_at) DO NOTHING RETURNING id`,
      [breach.conversationId, breach.metric, breach.clockStartedAt, breach.dueAt, breach.breachedAt, breach.policyId, breach.agentId, breach.teamId, breach.channelId],
    );
    return rows.length > 0;
  }
}
