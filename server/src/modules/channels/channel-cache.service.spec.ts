import { describe, expect, it, jest } from '@jest/globals';
import type { RedisService } from '../../core/redis.service.js';
import { ChannelCache } from './channel-cache.service.js';
import type { ChannelEntity } from './channel.entity.js';

type Row = Pick<ChannelEntity, 'id' | 'kind' | 'key' | 'config' | 'secrets' | 'teamId'>;

const row = (id: string, secret: string): Row => ({ id, kind: 'api', key: id, config: { key: id }, secrets: { secret }, teamId: null });

/** A table whose reads wait until the test lets each one answer. */
function slowTable() {
  const pending: Array<(rows: Row[]) => void> = [];
  const find = jest.fn(() => new Promise<Row[]>((resolve) => pending.push(resolve)));
  return { find, answer: (index: number, rows: Row[]) => pending[index]!(rows) };
}

const redis = { key: (...parts: string[]) => parts.join(':'), client: { publish: jest.fn(async () => 1) } } as unknown as RedisService;

const cacheOver = (table: ReturnType<typeof slowTable>) => new ChannelCache(table as never, redis);

describe('ChannelCache', () => {
  it('loads once for concurrent misses, then answers from memory', async () => {
    const table = slowTable();
    const cache = cacheOver(table);
    const lookups = Promise.all([cache.all(), cache.all(), cache.all()]);
    table.answer(0, [row('a', 's1')]);
    const [one, two, three] = await lookups;
    expect(table.find).toHaveBeenCalledTimes(1);
    expect(one).toBe(two);
    expect(two).toBe(three);
    expect(await cache.all()).toBe(one);
    expect(table.find).toHaveBeenCalledTimes(1);
  });

  it('does not keep what a load read before an invalidation', async () => {
    const table = slowTable();
    const cache = cacheOver(table);
    const early = cache.all();
    await cache.invalidate();
    const late = cache.all();
    expect(table.find).toHaveBeenCalledTimes(2);
    table.answer(1, [row('a', 'new')]);
    table.answer(0, [row('a', 'old')]);
    expect((await early)[0]!.secrets.secret).toBe('old');
    expect((await late)[0]!.secrets.secret).toBe('new');
    expect((await cache.all())[0]!.secrets.secret).toBe('new');
    expect(table.find).toHaveBeenCalledTimes(2);
  });

  it('tells the other processes on invalidation', async () => {
    await cacheOver(slowTable()).invalidate();
    expect(redis.client.publish).toHaveBeenCalledWith('channels:changed', '1');
  });
});
