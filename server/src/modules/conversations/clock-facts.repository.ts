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
  return { conversation_id: fact.conversationId, at: fact.at, kind: fact.kind, detail, agent_id: fact.kind === 'reply' ? fact.agentId : null };
}

function fromRow(row: FactRow): ClockFact {
  if (row.kind === 'reply') return { kind: 'reply', at: row.at, agentId: row.agent_id ?? '' };
  if (row.kind === 'ignored') return { kind: 'ignored', at: row.at, what: row.detail as 'note' | 'automated' };
  if (row.kind === 'status') return { kind: 'status', at: row.at, status: row.detail as 'open' | 'pending' | 'snoozed' | 'resolved' };
  return { kind: 'customer', at: row.at };
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

  async ofConversation(conversationId: string): Promise<ClockFact[]> {
    const rows: FactRow[] = await this.dataSource.query('SELECT at, kind, detail, agent_id FROM clock_facts WHERE conversation_id = $1 ORDER BY at, id', [conversationId]);
    return rows.map(fromRow);
  }
}
