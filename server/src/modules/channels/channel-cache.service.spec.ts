import { describe, expect, it, jest } from '@jest/globals';
import type { RedisService } from '../../core/redis.service.js';
import { ChannelCache } from './channel-cache.service.js';
import { sealSecrets } from './channel-secrets.js';
import { ChannelSecrets } from './channel-secrets.service.js';
import type { ChannelEntity } from './channel.entity.js';
import { SecretBox } from './secret-box.js';

type Row = Pick<ChannelEntity, 'id' | 'name' | 'kind' | 'key' | 'config' | 'secrets' | 'teamId'>;

const box = new SecretBox(Buffer.alloc(32, 7));
const row = (id: string, secret: string): Row => ({ id, name: id, kind: 'api', key: id, config: { key: id }, secrets: sealSecrets(box, { secret }), teamId: null });

/** A table whose reads wait until the test lets each one answer. */
function slowTable() {
  const pending: Array<(rows: Row[]) => void> = [];
  const find = jest.fn(() => new Promise<Row[]>((resolve) => pending.push(resolve)));
  return { find, answer: (index: number, rows: Row[]) => pending[index]!(rows) };
}

const redis = { key: (...parts: string[]) => parts.join(':'), client: { publish: jest.fn(async () => 1) } } as unknown as RedisService;

const cacheOver = (table: ReturnType<typeof slowTable>) => new ChannelCache(table as never, redis, new ChannelSecrets(box));

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

  it('opens sealed secrets, and serves a row that does not open without them rather than failing every channel', async () => {
    const table = slowTable();
    const cache = cacheOver(table);
    const loading = cache.all();
    const other = new SecretBox(Buffer.alloc(32, 9));
    table.answer(0, [row('a', 's1'), { ...row('b', 'x'), secrets: sealSecrets(other, { secret: 's2' }) }]);
    const [a, b] = await loading;
    expect(a!.secrets).toEqual({ secret: 's1' });
    expect(b!.secrets).toEqual({});
  });

  it('tells the other processes on invalidation', async () => {
    await cacheOver(slowTable()).invalidate();
    expect(redis.client.publish).toHaveBeenCalledWith('channels:changed', '1');
  });
});
