import { Injectable } from '@nestjs/common';
import { RedisService } from '../../core/redis.service.js';

export interface Viewer {
  userId: string;
  name: string;
}

/** Who has which conversation open, across processes: a Redis hash per conversation, socket id → viewer. */
@Injectable()
export class ViewersService {
  constructor(private readonly redis: RedisService) {}

  private key(conversationId: string): string {
    return this.redis.key('viewers', conversationId);
  }

  async add(conversationId: string, socketId: string, viewer: Viewer): Promise<Viewer[]> {
    await this.redis.client.hset(this.key(conversationId), socketId, JSON.stringify(viewer));
    return this.list(conversationId);
  }

  async remove(conversationId: string, socketId: string): Promise<Viewer[]> {
    await this.redis.client.hdel(this.key(conversationId), socketId);
    return this.list(conversationId);
  }

  /** One entry per person, however many tabs they have open. */
  async list(conversationId: string): Promise<Viewer[]> {
    const all = Object.values(await this.redis.client.hgetall(this.key(conversationId))).map((v) => JSON.parse(v) as Viewer);
    return [...new Map(all.map((v) => [v.userId, v])).values()];
  }
}
