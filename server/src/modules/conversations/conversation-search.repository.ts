import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListCondition } from './conversation-list-filters.js';
import type { LexemeStats } from './domain/search-estimate.js';
import type { MessageHit } from './domain/search-rank.js';

/** A conversation in search order: its id and activity. */
export interface SearchCandidate {
  id: string;
  at: Date;
}

export interface MessageTextHit extends MessageHit {
  text: string;
}

/** How one tier's message condition is asked: the tsquery text and its words (see domain/search-query). */
export interface TextCondition {
  tsquery: string;
  terms: string[];
  /** The longer words also match as the start of a word. */
  prefix: boolean;
}

export interface TierQuery {
  conditions: ListCondition[];
  /** Customers found by name or handle: their conversations are in the name tier, not in the message tiers. */
  nameCustomerIds: string[];
  /** Only conversations older than this (activity, then id). */
  after: { at: Date; id: string } | null;
  limit: number;
}

// The indexed document of a message (migration 1795376000000-Search), and a query over it. The query text
// is folded by the database too, so that a letter only unaccent knows still matches.
const DOCUMENT = 'search_document(m.text)';
const tsquery = (param: string) => `to_tsquery('simple', search_fold(:${param}))`;
/**
 * The same test one message at a time, for walking conversations: a substring test on the folded text
 * first (every word of a hit is in it), then the full-text test, written as ts_match_vq (the function
 * behind @@) so that the planner reads the conversation's messages instead of the index for each one.
 */
const walkTest = (alias: string, query: string, likes: string) =>
  `search_fold(${alias}.text) LIKE ALL (ARRAY(SELECT '%' || search_fold(t) || '%' FROM unnest(CAST(:${likes} AS text[])) t)) AND ts_match_vq(search_document(${alias}.text), ${tsquery(query)})`;

/** The SQL of conversation search (see ConversationSearchService for how it is used). */
@Injectable()
export class ConversationSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private run<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return this.dataSource.query(text, values);
  }

  private where(query: TierQuery, extra: ListCondition[]): { sql: string; params: Record<string, unknown> } {
    const all = [...query.conditions, ...extra];
    if (query.after) all.push({ sql: '(c.last_message_at, c.id) < (:afterAt, :afterId)', params: { afterAt: query.after.at, afterId: query.after.id } });
    return { sql: all.length ? all.map((c) => c.sql).join(' AND ') : 'true', params: Object.assign({}, ...all.map((c) => c.params)) };
  }

  /** The name tier: conversations of those customers, newest activity first. */
  byCustomers(query: TierQuery): Promise<SearchCandidate[]> {
    if (query.nameCustomerIds.length === 0) return Promise.resolve([]);
    const where = this.where(query, [{ sql: 'c.customer_id = ANY(CAST(:nameCustomers AS uuid[]))', params: { nameCustomers: query.nameCustomerIds } }]);
    return this.run(`SELECT c.id, c.last_message_at AS at FROM conversations c WHERE ${where.sql} ORDER BY c.last_message_at DESC, c.id DESC LIMIT :limit`, { ...where.params, limit: query.limit });
  }

  /** The lexeme frequencies the planner keeps for the message index, to tell a common word from a rare one. */
  async lexemeStats(): Promise<LexemeStats | null> {
    const rows = await this.run<{ elems: string[] | null; freqs: number[] | null; messages: number }>(
      `SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs, greatest(c.reltuples, 0)::float8 AS messages
       FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'ix_messages_search'
       WHERE c.oid = to_regclass('messages')`,
      {},
    );
    const row = rows[0];
    return row?.elems && row.freqs ? { lexemes: row.elems, freqs: row.freqs, messages: row.messages } : null;
  }

  /**
   * A message tier through the index: every conversation with a matching message (the index gives the
   * messages, their rows the conversations), minus those with an `except` match, filtered and ordered.
   * Costs in proportion to the matching messages: for rare words.
   */
  throughIndex(query: TierQuery, match: TextCondition, except: TextCondition | null): Promise<SearchCandidate[]> {
    const extra: ListCondition[] = [{ sql: `c.id = ANY(ARRAY(SELECT DISTINCT m.conversation_id FROM messages m WHERE ${DOCUMENT} @@ ${tsquery('match')}))`, params: { match: match.tsquery } }];
    if (except) extra.push({ sql: `NOT (c.id = ANY(ARRAY(SELECT DISTINCT m.conversation_id FROM messages m WHERE ${DOCUMENT} @@ ${tsquery('except')})))`, params: { except: except.tsquery } });
    if (query.nameCustomerIds.length) extra.push({ sql: 'NOT (c.customer_id = ANY(CAST(:nameCustomers AS uuid[])))', params: { nameCustomers: query.nameCustomerIds } });
    const where = this.where(query, extra);
    return this.run(`SELECT c.id, c.last_message_at AS at FROM conversations c WHERE ${where.sql} ORDER BY c.last_message_at DESC, c.id DESC LIMIT :limit`, { ...where.params, limit: query.limit });
  }

  /** The newest conversations the filters let through, at most `limit`: what a walk reads. */
  window(query: TierQuery): Promise<SearchCandidate[]> {
    const extra: ListCondition[] = query.nameCustomerIds.length ? [{ sql: 'NOT (c.customer_id = ANY(CAST(:nameCustomers AS uuid[])))', params: { nameCustomers: query.nameCustomerIds } }] : [];
    const where = this.where(query, extra);
    return this.run(`SELECT c.id, c.last_message_at AS at FROM conversations c WHERE ${where.sql} ORDER BY c.last_message_at DESC, c.id DESC LIMIT :limit`, { ...where.params, limit: query.limit });
  }

  /**
   * A message tier by walking: of these conversations (newest first), the first `limit` with a matching
   * message and none matching `except`, each one's messages tested in turn. Costs in proportion to the
   * conversations read, not to the matches: for common words, where a few hundred fill a page.
   */
  async walk(conversationIds: string[], match: TextCondition, except: TextCondition | null, limit: number): Promise<string[]> {
    if (conversationIds.length === 0) return [];
    const params: Record<string, unknown> = { ids: conversationIds, limit, match: match.tsquery, matchWords: match.terms };
    let exceptTest = '';
    if (except) {
      exceptTest = `AND NOT EXISTS (SELECT 1 FROM messages x WHERE x.conversation_id = u.id AND ${walkTest('x', 'except', 'exceptWords')})`;
      Object.assign(params, { except: except.tsquery, exceptWords: except.terms });
    }
    // unnest gives the ids in order and the tests run row by row until the limit: no sort, no early reading.
    const rows = await this.run<{ id: string; n: string }>(
      `SELECT u.id, u.n FROM unnest(CAST(:ids AS uuid[])) WITH ORDINALITY AS u(id, n)
       WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = u.id AND ${walkTest('m', 'match', 'matchWords')}) ${exceptTest}
       LIMIT :limit`,
      params,
    );
    return rows.sort((a, b) => Number(a.n) - Number(b.n)).map((r) => r.id);
  }

  /** The matching messages of some conversations, with their text and whether they have every word whole. */
  hitsIn(conversationIds: string[], match: TextCondition, whole: TextCondition): Promise<MessageTextHit[]> {
    if (conversationIds.length === 0) return Promise.resolve([]);
    return this.run(
      `SELECT m.conversation_id AS "conversationId", m.id AS "messageId", m.sent_at AS "sentAt", m.text, ts_match_vq(${DOCUMENT}, ${tsquery('whole')}) AS whole
       FROM messages m WHERE m.conversation_id = ANY(CAST(:ids AS uuid[])) AND ${walkTest('m', 'match', 'matchWords')}`,
      { ids: conversationIds, match: match.tsquery, matchWords: match.terms, whole: whole.tsquery },
    );
  }
}
