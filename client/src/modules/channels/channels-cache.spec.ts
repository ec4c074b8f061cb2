import { describe, expect, it } from '@jest/globals';
import { makeChannel } from '../../testing/fixtures';
import { patchChannel, removeChannel, restoreChannel, sortChannels, upsertChannel } from './channels-cache';

describe('patchChannel', () => {
  const channel = makeChannel({ id: 'a', kind: 'x', name: 'X', config: { userId: '1', pollIntervalSeconds: 30 }, secretFields: [], teamId: 't1', enabled: true });

  it('applies name, team and enabled', () => {
    expect(patchChannel(channel, { enabled: false })).toEqual({ ...channel, enabled: false });
    expect(patchChannel(channel, { name: ' New ', teamId: null })).toMatchObject({ name: 'New', teamId: null });
    expect(channel.enabled).toBe(true);
  });

  it('merges visible config and only notes a secret as set', () => {
    const next = patchChannel(channel, { config: { pollIntervalSeconds: 60, accessToken: 'tok' } });
    expect(next.config).toEqual({ userId: '1', pollIntervalSeconds: 60 });
    expect(next.secretFields).toEqual(['accessToken']);
    expect(JSON.stringify(next)).not.toContain('tok"');
  });

  it('moves the key of an API channel', () => {
    const api = makeChannel({ id: 'b', kind: 'api', key: 'old', config: { key: 'old' }, secretFields: ['secret'] });
    expect(patchChannel(api, { config: { key: 'new' } })).toMatchObject({ key: 'new', config: { key: 'new' }, secretFields: ['secret'] });
  });
});

describe('list helpers', () => {
  const list = [makeChannel({ id: 'a' }), makeChannel({ id: 'b' }), makeChannel({ id: 'c' })];

  it('upserts in place or at the end', () => {
    const b2 = makeChannel({ id: 'b', name: 'B2' });
    expect(upsertChannel(list, b2)?.map((c) => c.name)).toEqual(['Channel a', 'B2', 'Channel c']);
    expect(upsertChannel(list, makeChannel({ id: 'd' }))?.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(upsertChannel(undefined, b2)).toBeUndefined();
  });

  it('removes and restores at the same place', () => {
    const removed = removeChannel(list, 'b');
    expect(removed?.map((c) => c.id)).toEqual(['a', 'c']);
    expect(removeChannel(list, 'zzz')).toBe(list);
    expect(restoreChannel(removed, list[1]!, 1)?.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(restoreChannel(list, list[1]!, 1)).toBe(list);
  });
});

describe('sortChannels', () => {
  it('orders oldest first, then by name, whatever order the server sent', () => {
    const t0 = '2025-01-01T10:00:00.000Z';
    const t1 = '2025-01-02T10:00:00.000Z';
    const list = [makeChannel({ id: '1', name: 'New', createdAt: t1 }), makeChannel({ id: '2', name: 'X', createdAt: t0 }), makeChannel({ id: '3', name: 'API', createdAt: t0 })];
    expect(sortChannels(list).map((c) => c.name)).toEqual(['API', 'X', 'New']);
    expect(sortChannels([...list].reverse()).map((c) => c.name)).toEqual(['API', 'X', 'New']);
  });
});
