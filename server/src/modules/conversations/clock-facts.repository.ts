import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClockFact } from '../metrics/domain/clocks.js';

export type RecordedFact = ClockFact & { conversationId: string };

interface FactRow {
  at: Date;
  kind: ClockFact['kind'];
  detail: string | null;
  agent_id: string | null;
}

function toRow(fact: RecordedFact): { conversation_id: string; at: Date; kind: string; detail: string | null; agent_id: string | null } {
  const detail = fact.kind === 'status' ? fact.status : fact.kind === 'ignored' ? fact.what : null;
  return { conversation_id: fact.conversationId, at: fact.at, kind: fact.kind, detail, agent_id: fact.kind === 'reply' ? fact.agentId : fact.kind === 'status' ? (fact.agentId ?? null) : null };
}

function fromRow(row: FactRow): ClockFact {
  if (row.kind === 'reply') return { kind: 'reply', at: row.at, agentId: row.agent_id ?? '' };
  if (row.kind === 'ignored') return { kind: 'ignored', at: row.at, what: row.detail as 'note' | 'automated' };
  if (row.kind === 'status') return { kind: 'status', at: row.at, status: row.detail as 'open' | 'pending' | 'snoozed' | 'resolved', agentId: row.agent_id };
  return { kind: 'customer', at: row.at };
}

/** One stopped clock, as reports read it. */
export interface StoredValue {
  metric: 'firstResponse' | 'nextReply' | 'resolution';
  startedAt: Date;
  stoppedAt: Date;
  wallSeconds: number;
  businessSeconds: number;
  agentId: string | null;
}

/** What the response-time clocks are computed from, written in the transaction of the change itself. */
@Injectable()
export class ClockFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, facts: RecordedFact[]): Promise<void> {
    if (facts.length === 0) return;
    await manager.query(
      `INSERT INTO clock_facts (conversation_id, at, kind, detail, agent_id)
       SELECT conversation_id, at, kind, detail, agent_id FROM jsonb_to_recordset($1::jsonb)
         AS f(conversation_id uuid, at timestamptz, kind varchar, detail varchar, agent_id uuid)`,
      [JSON.stringify(facts.map(toRow))],
    );
  }

  async ofConversation(conversationId: string, manager: EntityManager = this.dataSource.manager): Promise<ClockFact[]> {
    const rows: FactRow[] = await manager.query('SELECT at, kind, detail, agent_id FROM clock_facts WHERE conversation_id = $1 ORDER BY at, id', [conversationId]);
    return rows.map(fromRow);
  }

  /** The stopped clocks of one conversation, replaced whole: reports read these rows, never the messages. */
  async replaceValues(manager: EntityManager, conversation: { id: string; teamId: string | null; channelId: string }, values: StoredValue[]): Promise<void> {
    await manager.query('DELETE FROM clock_values WHERE conversation_id = $1', [conversation.id]);
    if (values.length === 0) return;
    await manager.query(
      `INSERT INTO clock_values (conversation_id, metric, started_at, stopped_at, wall_seconds, business_seconds, agent_id, team_id, channel_id)
       SELECT $1, metric, started_at, stopped_at, wall_seconds, business_seconds, agent_id, $2, $3 FROM jsonb_to_recordset($4::jsonb)
         AS v(metric varchar, started_at timestamptz, stopped_at timestamptz, wall_seconds float8, business_seconds float8, agent_id uuid)`,
      [
        conversation.id,
        conversation.teamId,
        conversation.channelId,
        JSON.stringify(values.map((v) => ({ metric: v.metric, started_at: v.startedAt, stopped_at: v.stoppedAt, wall_seconds: v.wallSeconds, business_seconds: v.businessSeconds, agent_id: v.agentId }))),
      ],
    );
  }
}
