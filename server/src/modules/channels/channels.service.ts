import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ChannelKind } from '@rapport/shared';
import type { ChannelContext } from './channel-adapter.js';
import { ChannelEntity } from './channel.entity.js';

const toContext = (c: ChannelEntity): ChannelContext => ({ id: c.id, kind: c.kind, key: c.key, config: c.config, secrets: c.secrets ?? {} });

@Injectable()
export class ChannelsService {
  constructor(@InjectRepository(ChannelEntity) private readonly channels: Repository<ChannelEntity>) {}

  /** Loads a channel with its secrets, for verifying, parsing and sending; null when unknown or disabled. */
  async context(where: { id: string } | { kind: ChannelKind; key: string }): Promise<(ChannelContext & { teamId: string | null }) | null> {
    const channel = await this.channels
      .createQueryBuilder('c')
      .addSelect('c.secrets')
      .where(where)
      .andWhere('c.enabled = true')
      .getOne();
    return channel ? { ...toContext(channel), teamId: channel.teamId } : null;
  }
}
