import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { MessageEntity } from './message.entity.js';

/** The messages table, for every module: the API, ingest and outbound. */
@Injectable()
export class MessagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(MessageEntity);
  }

  /** Which of these platform messages are stored already, as `channelId\nexternalId`. */
  async storedExternalIds(manager: EntityManager, keys: Array<{ channelId: string; externalId: string }>): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: Array<{ channel_id: string; external_id: string }> = await manager.query(
      'SELECT channel_id, external_id FROM messages WHERE (channel_id, external_id) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))',
      [keys.map((k) => k.channelId), keys.map((k) => k.externalId)],
    );
    return new Set(rows.map((r) => `${r.channel_id}\n${r.external_id}`));
  }

  /** Stores customer messages in one statement, in the given order. */
  async insertInbound(manager: EntityManager, rows: Array<Partial<Omit<MessageEntity, 'conversation' | 'channel' | 'author'>> & { id: string }>): Promise<MessageEntity[]> {
    if (rows.length === 0) return [];
    const result = await this.repo(manager).createQueryBuilder().insert().values(rows).returning(['id', 'created_at', 'updated_at']).execute();
    const stamps = new Map((result.raw as Array<{ id: string; created_at: Date; updated_at: Date }>).map((r) => [r.id, r]));
    return rows.map((fields) => this.repo(manager).create({ ...fields, createdAt: stamps.get(fields.id)!.created_at, updatedAt: stamps.get(fields.id)!.updated_at }));
  }

  /**
   * Counts messages into the quarter hour of `at`: one row per write, never a shared counter row that
   * concurrent writers would wait on (the volume report sums them, never scanning the messages).
   */
  async countVolume(manager: EntityManager, at: Date, messages: Array<{ channelId: string; direction: 'inbound' | 'outbound' }>): Promise<void> {
    const perChannel = new Map<string, { channel_id: string; inbound: number; outbound: number }>();
    for (const m of messages) {
      const row = perChannel.get(m.channelId) ?? { channel_id: m.channelId, inbound: 0, outbound: 0 };
      row[m.direction]++;
      perChannel.set(m.channelId, row);
    }
    if (perChannel.size === 0) return;
    await manager.query(
      `INSERT INTO message_volume (bucket, channel_id, inbound, outbound)
       SELECT date_bin('15 minutes', $1::timestamptz, TIMESTAMPTZ '2000-01-01'), channel_id, inbound, outbound
       FROM jsonb_to_recordset($2::jsonb) AS v(channel_id uuid, inbound int, outbound int)`,
      [at, JSON.stringify([...perChannel.values()])],
    );
  }

  async insert(manager: EntityManager, fields: Partial<MessageEntity>): Promise<MessageEntity> {
    const saved = await this.repo(manager).save(this.repo(manager).create(fields));
    return this.withAuthor(saved.id, manager) as Promise<MessageEntity>;
  }

  withAuthor(id: string, manager?: EntityManager): Promise<MessageEntity | null> {
    return this.repo(manager).findOne({ where: { id }, relations: { author: true } });
  }

  findById(id: string): Promise<MessageEntity | null> {
    return this.repo().findOneBy({ id });
  }

  byClientId(clientId: string, manager?: EntityManager): Promise<MessageEntity | null> {
    return this.repo(manager).findOne({ where: { clientId }, relations: { author: true } });
  }

  async idByExternalId(channelId: string, externalId: string): Promise<string | null> {
    return (await this.repo().findOne({ where: { channelId, externalId }, select: { id: true } }))?.id ?? null;
  }

  lockForUpdate(manager: EntityManager, id: string): Promise<MessageEntity | null> {
    return this.repo(manager).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
  }

  save(manager: EntityManager, message: MessageEntity): Promise<MessageEntity> {
    return this.repo(manager).save(message);
  }

  belongsTo(id: string, conversationId: string, manager?: EntityManager): Promise<boolean> {
    return this.repo(manager).existsBy({ id, conversationId });
  }

  /** A page of a thread, newest first: ordered by when each was written (the platform's time), then arrival. */
  page(conversationId: string, limit: number, before?: string): Promise<MessageEntity[]> {
    const qb = this.repo().createQueryBuilder('m').leftJoinAndSelect('m.author', 'author').where('m.conversation_id = :conversationId', { conversationId });
    // Compared in SQL: timestamps keep microseconds there that a JS Date would round away.
    if (before) qb.andWhere('(m.sent_at, m.created_at, m.id) < (SELECT b.sent_at, b.created_at, b.id FROM messages b WHERE b.id = :before)', { before });
    return qb.orderBy('m.sent_at', 'DESC').addOrderBy('m.created_at', 'DESC').addOrderBy('m.id', 'DESC').take(limit).getMany();
  }

  /** Customer messages that arrived after `seenId`, whatever their platform time. */
  inboundArrivedAfter(manager: EntityManager, conversationId: string, seenId: string): Promise<number> {
    return this.repo(manager)
      .createQueryBuilder('m')
      .where('m.conversation_id = :conversationId AND m.direction = :inbound', { conversationId, inbound: 'inbound' })
      .andWhere('(m.created_at, m.id) > (SELECT s.created_at, s.id FROM messages s WHERE s.id = :seenId)', { seenId })
      .getCount();
  }

  lastInbound(conversationId: string): Promise<Pick<MessageEntity, 'externalId' | 'platformMeta'> | null> {
    return this.repo().findOne({ where: { conversationId, direction: 'inbound' }, order: { createdAt: 'DESC' }, select: { externalId: true, platformMeta: true } });
  }

  /** Replies still queued long after they were written (their job may be lost). */
  async staleQueuedIds(olderThanMs: number, limit: number): Promise<string[]> {
    const rows = await this.repo().find({
      where: { status: 'queued', private: false, direction: 'outbound', updatedAt: LessThan(new Date(Date.now() - olderThanMs)) },
      select: { id: true },
      take: limit,
    });
    return rows.map((r) => r.id);
  }
}
