import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ERASED_CUSTOMER_NAME, ERASED_TEXT, type ExportedFollowUp } from '@rapport/shared';
import { CustomerMergeEntity } from '../customers/customer-merge.entity.js';
import { CustomerEntity } from '../customers/customer.entity.js';
import { ERASED_ID_PREFIX } from './domain/erased-identity.js';
import type { MessageRow } from './domain/export-document.js';

const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** Rows changed by one statement, as the pg driver reports them through TypeORM. */
type Affected = [unknown[], number];

/** The shapes of an event payload that name a conversation (or, inside it, its customer). */
const EVENT_ABOUT = `(e.payload->>'conversationId' = ANY($1::text[]) OR e.payload->'conversation'->>'id' = ANY($1::text[]) OR e.payload->'conversation'->>'customerId' = ANY($2::text[]))`;

/**
 * Everything a customer's data lives in, for export, erasure and retention. Unlike other modules' repositories
 * this one reaches many tables (messages, conversations, follow-ups, events, merges): erasing a person must
 * leave no table behind, in one transaction, and retention must delete across them in bounded batches.
 */
@Injectable()
export class PrivacyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // ---- export ----

  /** Customers folded into this one (their tombstones still hold their old profile). */
  tombstonesOf(customerId: string, manager: EntityManager = this.dataSource.manager): Promise<CustomerEntity[]> {
    return manager.getRepository(CustomerEntity).find({ where: { mergedIntoId: customerId }, order: { createdAt: 'ASC' } });
  }

  mergesOf(customerIds: string[]): Promise<CustomerMergeEntity[]> {
    if (customerIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(CustomerMergeEntity).find({ where: [{ targetId: In(customerIds) }, { sourceId: In(customerIds) }], order: { createdAt: 'ASC' } });
  }

  async counts(customerId: string): Promise<{ conversations: number; messages: number }> {
    const rows: Array<{ conversations: number; messages: number }> = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM conversations WHERE customer_id = $1) AS conversations,
              (SELECT count(*)::int FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.customer_id = $1) AS messages`,
      [customerId],
    );
    return rows[0] ?? { conversations: 0, messages: 0 };
  }

  /** A page of the customer's conversation ids, in id order, after `afterId`. */
  async conversationIdsPage(customerId: string, afterId: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      'SELECT id FROM conversations WHERE customer_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3',
      [customerId, afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  /** A page of a thread in thread order (platform time, then arrival), after the message `afterId`. */
  messagesPage(conversationId: string, afterId: string | null, limit: number): Promise<MessageRow[]> {
    // Compared in SQL: timestamps keep microseconds there that a JS Date would round away.
    return this.dataSource.query(
      `SELECT m.id, m.direction, m.author_type, m.author_id, u.name AS agent_name, m.private, m.text, m.attachments, m.status, m.error,
              m.external_id, m.platform_meta, m.sent_at, m.created_at
       FROM messages m LEFT JOIN users u ON u.id = m.author_id
       WHERE m.conversation_id = $1
         AND ($2::uuid IS NULL OR (m.sent_at, m.created_at, m.id) > (SELECT a.sent_at, a.created_at, a.id FROM messages a WHERE a.id = $2))
       ORDER BY m.sent_at, m.created_at, m.id LIMIT $3`,
      [conversationId, afterId, limit],
    );
  }

  /** A page of the follow-ups set on the customer's conversations, in id order. */
  async followUpsPage(customerId: string, afterId: string | null, limit: number): Promise<ExportedFollowUp[]> {
    const rows: Array<{ id: string; conversation_id: string; note: string; due_at: Date; status: string; created_by_id: string | null; created_at: Date }> = await this.dataSource.query(
      `SELECT f.id, f.conversation_id, f.note, f.due_at, f.status, f.created_by_id, f.created_at
       FROM follow_ups f JOIN conversations c ON c.id = f.conversation_id
       WHERE c.customer_id = $1 AND ($2::uuid IS NULL OR f.id > $2) ORDER BY f.id LIMIT $3`,
      [customerId, afterId, limit],
    );
    return rows.map((f) => ({ id: f.id, conversationId: f.conversation_id, note: f.note, dueAt: f.due_at.toISOString(), status: f.status, createdById: f.created_by_id, createdAt: f.created_at.toISOString() }));
  }

  // ---- erasure ----

  /** The conversations of these customers; locked in id order when `manager` is a transaction's. */
  async conversationIdsOf(customerIds: string[], manager?: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await (manager ?? this.dataSource.manager).query(
      `SELECT id FROM conversations WHERE customer_id = ANY($1::uuid[]) ORDER BY id ${manager ? 'FOR UPDATE' : ''}`,
      [customerIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The seqs of events naming these conversations (or these customers inside a conversation), in
   * (afterSeq, upToSeq], a page at a time; `upToSeq` null reads to the end.
   */
  async eventsAbout(conversationIds: string[], customerIds: string[], afterSeq: number, upToSeq: number | null, limit: number, manager: EntityManager = this.dataSource.manager): Promise<number[]> {
    const rows: Array<{ seq: string }> = await manager.query(
      `SELECT e.seq FROM events e WHERE e.seq > $3 AND ($4::bigint IS NULL OR e.seq <= $4) AND ${EVENT_ABOUT} ORDER BY e.seq LIMIT $5`,
      [conversationIds, customerIds, afterSeq, upToSeq, limit],
    );
    return rows.map((r) => Number(r.seq));
  }

  /**
   * Takes the texts, names and handles out of these events' payloads, whatever their type, by shape: a
   * message's text, attachments, platform id and (a customer's) author name; a conversation's preview, search
   * match and customer name, handle and avatar; a follow-up's note. Ids, times and states stay.
   */
  async scrubEvents(manager: EntityManager, seqs: number[]): Promise<void> {
    if (seqs.length === 0) return;
    await manager.query(
      `UPDATE events e SET payload = CASE
         WHEN jsonb_typeof(e.payload->'message') = 'object' THEN jsonb_set(e.payload, '{message}',
           (e.payload->'message') || jsonb_build_object('text', $2::text, 'attachments', '[]'::jsonb, 'externalId', NULL, 'error', NULL)
             || CASE WHEN e.payload->'message'->>'authorType' = 'customer' THEN jsonb_build_object('authorName', $3::text) ELSE '{}'::jsonb END)
         WHEN jsonb_typeof(e.payload->'conversation') = 'object' THEN jsonb_set(e.payload, '{conversation}',
           ((e.payload->'conversation') - 'match') || jsonb_build_object(
             'lastMessagePreview', CASE WHEN e.payload->'conversation'->>'lastMessagePreview' IS NULL THEN NULL ELSE to_jsonb($2::text) END,
             'customer', coalesce(e.payload->'conversation'->'customer', '{}'::jsonb) || jsonb_build_object('name', $3::text, 'handle', NULL, 'avatarUrl', NULL)))
         WHEN e.payload ? 'note' THEN e.payload || jsonb_build_object('note', $2::text)
         ELSE e.payload END
       WHERE e.seq = ANY($1::bigint[])`,
      [seqs, ERASED_TEXT, ERASED_CUSTOMER_NAME],
    );
  }

  /** Every message of these conversations loses its text, attachments and platform ids; answers how many. */
  async eraseMessages(manager: EntityManager, conversationIds: string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    const [, count]: Affected = await manager.query(
      `UPDATE messages SET text = $2, attachments = '[]', platform_meta = '{}', external_id = NULL, error = NULL, updated_at = now()
       WHERE conversation_id = ANY($1::uuid[])`,
      [conversationIds, ERASED_TEXT],
    );
    return count;
  }

  /** Previews go, and so do thread keys (a chat or post id of theirs); each key stays unique to its conversation. */
  async eraseConversations(manager: EntityManager, conversationIds: string[]): Promise<void> {
    if (conversationIds.length === 0) return;
    await manager.query(
      `UPDATE conversations SET
         last_message_preview = CASE WHEN last_message_preview IS NULL THEN NULL ELSE $2 END,
         thread_key = CASE WHEN thread_key = '' THEN '' ELSE $3 || id::text END,
         updated_at = now()
       WHERE id = ANY($1::uuid[])`,
      [conversationIds, ERASED_TEXT, ERASED_ID_PREFIX],
    );
  }

  /** Follow-up notes go; the ones still waiting are cancelled (nobody comes back to an erased customer). Answers those. */
  async eraseFollowUps(manager: EntityManager, conversationIds: string[]): Promise<string[]> {
    if (conversationIds.length === 0) return [];
    const [rows]: [Array<{ id: string; was: string }>, number] = await manager.query(
      `UPDATE follow_ups f SET note = $2,
         status = CASE WHEN f.status = 'scheduled' THEN 'cancelled' ELSE f.status END,
         cancelled_at = CASE WHEN f.status = 'scheduled' THEN now() ELSE f.cancelled_at END,
         updated_at = now()
       FROM (SELECT id, status AS was FROM follow_ups WHERE conversation_id = ANY($1::uuid[])) old
       WHERE f.id = old.id RETURNING f.id, old.was`,
      [conversationIds, ERASED_TEXT],
    );
    return rows.filter((r) => r.was === 'scheduled').map((r) => r.id);
  }

  async forgetMerges(manager: EntityManager, customerIds: string[]): Promise<void> {
    await manager.query('DELETE FROM customer_merges WHERE target_id = ANY($1::uuid[]) OR source_id = ANY($1::uuid[])', [customerIds]);
  }

  /** Erasing the same person twice keeps one row, with the latest time. */
  async rememberErased(manager: EntityManager, hashes: string[]): Promise<void> {
    if (hashes.length === 0) return;
    await manager.query(
      'INSERT INTO erased_identities (hash) SELECT DISTINCT unnest($1::text[]) ON CONFLICT (hash) DO UPDATE SET erased_at = excluded.erased_at',
      [hashes],
    );
  }

  /**
   * An identity no conversation points at is deleted; the others stay only as the anchor of those
   * conversations (their channel and an id of no one), so that a message from the person makes a new customer.
   * Answers how many identities were erased.
   */
  async eraseIdentities(manager: EntityManager, customerIds: string[]): Promise<number> {
    const [, deleted]: Affected = await manager.query(
      `DELETE FROM customer_identities i WHERE i.customer_id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.identity_id = i.id)`,
      [customerIds],
    );
    // The handle reads as erased: threads show it where the platform id would be.
    const [, anonymised]: Affected = await manager.query(
      `UPDATE customer_identities SET external_id = $3 || id::text, handle = $2, display_name = NULL, avatar_url = NULL, updated_at = now()
       WHERE customer_id = ANY($1::uuid[])`,
      [customerIds, ERASED_TEXT, ERASED_ID_PREFIX],
    );
    return deleted + anonymised;
  }

  /** The profile goes (the tier, a business fact, stays); an erased customer is never contacted again. */
  async eraseCustomers(manager: EntityManager, customerIds: string[]): Promise<void> {
    await manager.query(
      `UPDATE customers SET name = $2, preferred_language = NULL, preferred_language_source = NULL, language_counts = '{}', timezone = NULL,
         contact_hours = NULL, tags = '{}', do_not_contact = true, email = NULL, phone = NULL, preferences = '{}', notes = NULL,
         erased_at = now(), updated_at = now()
       WHERE id = ANY($1::uuid[])`,
      [customerIds, ERASED_CUSTOMER_NAME],
    );
  }

  /**
   * Platform events kept as they came because they could not be read, that name one of the person's platform
   * ids on one of their channels (or on none known); answers how many were deleted.
   */
  async deleteDeadLettersNaming(manager: EntityManager, channelIds: string[], idPattern: string): Promise<number> {
    const [, count]: Affected = await manager.query('DELETE FROM dead_letters WHERE (channel_id IS NULL OR channel_id = ANY($1::uuid[])) AND raw_body ~ $2', [channelIds, idPattern]);
    return count;
  }

  // ---- retention ----

  /**
   * Resolved conversations resolved before `cutoff`, oldest first, locked; rows another purge holds are
   * skipped, and so are conversations someone means to come back to (a follow-up still scheduled).
   */
  async purgeCandidates(manager: EntityManager, cutoff: Date, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT c.id FROM conversations c
       WHERE c.status = 'resolved' AND c.resolved_at < $1
         AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.conversation_id = c.id AND f.status = 'scheduled')
       ORDER BY c.resolved_at, c.id LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
      [cutoff, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Deletes up to `limit` messages of these conversations (so one long thread is deleted over several transactions). */
  async deleteMessagesOf(manager: EntityManager, conversationIds: string[], limit: number): Promise<number> {
    const [, count]: Affected = await manager.query(
      'DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE conversation_id = ANY($1::uuid[]) LIMIT $2)',
      [conversationIds, limit],
    );
    return count;
  }

  /** Up to `limit` clock facts of these conversations: they only feed the conversation's own clocks. */
  async deleteClockFactsOf(manager: EntityManager, conversationIds: string[], limit: number): Promise<number> {
    const [, count]: Affected = await manager.query(
      'DELETE FROM clock_facts WHERE id IN (SELECT id FROM clock_facts WHERE conversation_id = ANY($1::uuid[]) LIMIT $2)',
      [conversationIds, limit],
    );
    return count;
  }

  /**
   * Deletes the conversations (their follow-ups and assignment history go with them; the clock values and
   * SLA breaches reports read stay, unlinked). Answers the customers they belonged to.
   */
  async deleteConversations(manager: EntityManager, conversationIds: string[]): Promise<string[]> {
    const [rows]: [Array<{ customer_id: string }>, number] = await manager.query('DELETE FROM conversations WHERE id = ANY($1::uuid[]) RETURNING customer_id', [conversationIds]);
    return [...new Set(rows.map((r) => r.customer_id))];
  }

  /** Of these customers, those with no conversation left. */
  async withoutConversations(manager: EntityManager, customerIds: string[]): Promise<string[]> {
    if (customerIds.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      'SELECT cu.id FROM customers cu WHERE cu.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.customer_id = cu.id) ORDER BY cu.id',
      [customerIds],
    );
    return rows.map((r) => r.id);
  }

  /** Deletes customers with their identities, merge records and the tombstones merged into them; answers how many went. */
  async deleteCustomers(manager: EntityManager, customerIds: string[]): Promise<number> {
    if (customerIds.length === 0) return 0;
    // Tombstones first: their pointer would otherwise be cleared, and they would come back as live customers.
    await manager.query('DELETE FROM customers WHERE merged_into_id = ANY($1::uuid[])', [customerIds]);
    const [, count]: Affected = await manager.query('DELETE FROM customers WHERE id = ANY($1::uuid[])', [customerIds]);
    return count;
  }

  /**
   * Deletes, among the next `limit` events after `afterSeq`, those naming a conversation or customer that no
   * longer exists. Answers how many went and the last seq looked at (null at the end of the log).
   */
  async deleteOrphanEvents(afterSeq: number, limit: number): Promise<{ deleted: number; lastSeq: number | null }> {
    const rows: Array<{ last_seq: string | null; deleted: number }> = await this.dataSource.query(
      `WITH w AS (SELECT seq FROM events WHERE seq > $1 ORDER BY seq LIMIT $2),
       named AS (
         SELECT e.seq, coalesce(e.payload->>'conversationId', e.payload->'conversation'->>'id') AS conversation_id, e.payload->>'customerId' AS customer_id
         FROM events e JOIN w ON w.seq = e.seq
       ),
       gone AS (
         -- Only ids shaped as uuids are looked up: anything else is not ours to judge, and stays.
         SELECT n.seq FROM named n
         WHERE CASE WHEN n.conversation_id ~* $3 THEN NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = n.conversation_id::uuid) ELSE false END
            OR CASE WHEN n.customer_id ~* $3 THEN NOT EXISTS (SELECT 1 FROM customers cu WHERE cu.id = n.customer_id::uuid) ELSE false END
       ),
       del AS (DELETE FROM events e USING gone WHERE e.seq = gone.seq RETURNING 1)
       SELECT (SELECT max(seq) FROM w)::text AS last_seq, (SELECT count(*) FROM del)::int AS deleted`,
      [afterSeq, limit, UUID_PATTERN],
    );
    const row = rows[0];
    return { deleted: row?.deleted ?? 0, lastSeq: row?.last_seq ? Number(row.last_seq) : null };
  }
}
