import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Channel, ChannelKind } from '@rapport/shared';
import type { RequestOrigin } from '../../common/request-origin.js';
import { describeIssues } from '../../common/zod.pipe.js';
import { AuditService, type AuditActor } from '../audit/audit.service.js';
import type { ChannelAddress } from './channel-adapter.js';
import { createdDetails, deletedDetails, updatedDetails, type ChannelSnapshot } from './channel-audit.js';
import { ChannelCache, type LoadedChannel } from './channel-cache.service.js';
import { ACCOUNT_FIELD, CHANNEL_CONFIG_SCHEMAS, splitSecrets } from './channel-config.js';
import type { SecretFields } from './channel-secrets.js';
import { ChannelSecrets } from './channel-secrets.service.js';
import { ChannelEntity } from './channel.entity.js';
import { TeamEntity } from '../auth/team.entity.js';

export type { LoadedChannel } from './channel-cache.service.js';

/** Who changes a channel and from where, for the audit log. */
export interface ChannelChangeBy {
  actor: AuditActor;
  origin: RequestOrigin | null;
}

/** `secrets` are the opened ones: only their names leave. */
export function toChannelDto(c: ChannelEntity, secrets: SecretFields): Channel {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    key: c.key,
    config: c.config,
    secretFields: Object.keys(secrets).sort(),
    teamId: c.teamId,
    enabled: c.enabled,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Validates a kind's config, naming the field that is wrong. */
function validConfig(kind: ChannelKind, config: Record<string, unknown>): Record<string, unknown> {
  const parsed = CHANNEL_CONFIG_SCHEMAS[kind].safeParse(config);
  if (!parsed.success) throw new BadRequestException(`Invalid ${kind} config: ${describeIssues(parsed.error)}`);
  return parsed.data as Record<string, unknown>;
}

const snapshot = (c: ChannelEntity, secrets: SecretFields): ChannelSnapshot => ({ kind: c.kind, name: c.name, teamId: c.teamId, enabled: c.enabled, config: c.config, secrets });

@Injectable()
export class ChannelsService {
  constructor(
    @InjectRepository(ChannelEntity) private readonly channels: Repository<ChannelEntity>,
    private readonly cache: ChannelCache,
    private readonly secrets: ChannelSecrets,
    private readonly audit: AuditService,
  ) {}

  private withSecrets() {
    return this.channels.createQueryBuilder('c').addSelect('c.secrets');
  }

  /** Loads an enabled channel with its secrets, for verifying, parsing, polling and sending. */
  async context(where: { id: string } | { kind: ChannelKind; key: string }): Promise<LoadedChannel | null> {
    const matches = 'id' in where ? (c: LoadedChannel) => c.id === where.id.toLowerCase() : (c: LoadedChannel) => c.kind === where.kind && c.key === where.key;
    const cached = (await this.cache.all()).find(matches);
    if (cached) return cached;
    return this.confirmMissing(await this.withSecrets().where(where).andWhere('c.enabled = true').getOne());
  }

  /** The enabled channel a shared-webhook entry is addressed to (page id, phone number id, user id…). */
  async byAddress(address: ChannelAddress): Promise<LoadedChannel | null> {
    const field = ACCOUNT_FIELD[address.kind];
    if (!field) return null;
    const cached = (await this.cache.all()).find((c) => c.kind === address.kind && String(c.config[field]) === address.accountId);
    if (cached) return cached;
    const channel = await this.withSecrets()
      .where('c.kind = :kind AND c.enabled = true', { kind: address.kind })
      .andWhere(`c.config ->> '${field}' = :accountId`, { accountId: address.accountId })
      .orderBy('c.created_at', 'ASC')
      .getOne();
    return this.confirmMissing(channel);
  }

  async enabledOfKind(kind: ChannelKind): Promise<LoadedChannel[]> {
    return (await this.cache.all()).filter((c) => c.kind === kind);
  }

  /**
   * Misses are asked of Postgres, as before the cache: a channel written straight to the table (seed, SQL)
   * works at once, and an unknown key costs what it always did. A hit there means the cache is behind.
   */
  private confirmMissing(channel: ChannelEntity | null): LoadedChannel | null {
    if (!channel) return null;
    this.cache.clear();
    return this.cache.loaded(channel);
  }

  /** For writes to the channels table made elsewhere (teams taking channels): every process reloads. */
  async changed(): Promise<void> {
    await this.cache.invalidate();
  }

  async list(): Promise<Channel[]> {
    return (await this.withSecrets().orderBy('c.created_at', 'ASC').addOrderBy('c.name', 'ASC').getMany()).map((c) => this.toDto(c));
  }

  /** The API's view of a channel: which secrets are set, never their values. */
  toDto(channel: ChannelEntity): Channel {
    return toChannelDto(channel, this.secrets.open(channel));
  }

  async get(id: string): Promise<ChannelEntity> {
    const channel = await this.withSecrets().where('c.id = :id', { id }).getOne();
    if (!channel) throw new NotFoundException('Channel not found');
    return channel;
  }

  async create(
    body: { kind: ChannelKind; name: string; config: Record<string, unknown>; teamId?: string | null | undefined; enabled?: boolean | undefined },
    by: ChannelChangeBy,
  ): Promise<ChannelEntity> {
    const { config, secrets } = splitSecrets(body.kind, validConfig(body.kind, body.config));
    const entity = this.channels.create({
      kind: body.kind,
      name: body.name,
      key: body.kind === 'api' ? String(config.key) : null,
      config,
      secrets: this.secrets.seal(secrets),
      teamId: body.teamId === undefined ? await this.soleTeamId() : body.teamId,
      enabled: body.enabled ?? true,
    });
    await this.assertUnique(entity);
    const saved = await this.channels.manager.transaction(async (manager) => {
      const row = await manager.getRepository(ChannelEntity).save(entity);
      await this.audit.record({ action: 'channel.created', ...by, target: { type: 'channel', id: row.id }, details: createdDetails(snapshot(row, secrets)) }, manager);
      return row;
    });
    await this.cache.invalidate();
    return saved;
  }

  async update(
    id: string,
    body: { name?: string | undefined; config?: Record<string, unknown> | undefined; teamId?: string | null | undefined; enabled?: boolean | undefined },
    by: ChannelChangeBy,
  ): Promise<ChannelEntity> {
    const channel = await this.get(id);
    const before = snapshot(channel, this.secrets.open(channel));
    let secrets = before.secrets;
    if (body.config) {
      // Merged into what is stored; `null` removes an optional field (e.g. apiBaseUrl, callbackUrl).
      const merged: Record<string, unknown> = { ...channel.config, ...before.secrets };
      for (const [field, value] of Object.entries(body.config)) {
        if (value === null) delete merged[field];
        else merged[field] = value;
      }
      const split = splitSecrets(channel.kind, validConfig(channel.kind, merged));
      channel.config = split.config;
      secrets = split.secrets;
      channel.secrets = this.secrets.seal(secrets);
      if (channel.kind === 'api') channel.key = String(split.config.key);
    }
    if (body.name !== undefined) channel.name = body.name;
    if (body.teamId !== undefined) channel.teamId = body.teamId;
    if (body.enabled !== undefined) channel.enabled = body.enabled;
    await this.assertUnique(channel);
    const saved = await this.channels.manager.transaction(async (manager) => {
      const row = await manager.getRepository(ChannelEntity).save(channel);
      const details = updatedDetails(before, snapshot(row, secrets));
      if (details) await this.audit.record({ action: 'channel.updated', ...by, target: { type: 'channel', id: row.id }, details }, manager);
      return row;
    });
    await this.cache.invalidate();
    return saved;
  }

  async remove(id: string, by: ChannelChangeBy): Promise<ChannelEntity> {
    const channel = await this.get(id);
    await this.channels.manager.transaction(async (manager) => {
      await manager.getRepository(ChannelEntity).delete({ id });
      await this.audit.record({ action: 'channel.deleted', ...by, target: { type: 'channel', id }, details: deletedDetails(snapshot(channel, {})) }, manager);
    });
    await this.cache.invalidate();
    return channel;
  }

  /** With a single team, a new channel belongs to it: otherwise its conversations would reach no agent. */
  private async soleTeamId(): Promise<string | null> {
    const teams = await this.channels.manager.getRepository(TeamEntity).find({ select: { id: true }, take: 2 });
    return teams.length === 1 ? teams[0]!.id : null;
  }

  /** One channel per API key and per platform account: otherwise webhooks could not tell them apart. */
  private async assertUnique(channel: ChannelEntity): Promise<void> {
    if (channel.kind === 'api') {
      const taken = await this.channels.createQueryBuilder('c').where('c.key = :key', { key: channel.key }).andWhere(channel.id ? 'c.id <> :id' : 'true', { id: channel.id }).getExists();
      if (taken) throw new ConflictException(`An API channel with key "${channel.key}" exists already`);
    }
    const field = ACCOUNT_FIELD[channel.kind];
    if (field) {
      const taken = await this.channels
        .createQueryBuilder('c')
        .where('c.kind = :kind', { kind: channel.kind })
        .andWhere(`c.config ->> '${field}' = :accountId`, { accountId: String(channel.config[field]) })
        .andWhere(channel.id ? 'c.id <> :id' : 'true', { id: channel.id })
        .getExists();
      if (taken) throw new ConflictException(`A ${channel.kind} channel for ${field} ${String(channel.config[field])} exists already`);
    }
  }
}
