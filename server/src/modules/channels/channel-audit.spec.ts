import { describe, expect, it } from '@jest/globals';
import { changedSecrets, createdDetails, deletedDetails, updatedDetails, type ChannelSnapshot } from './channel-audit.js';

const base: ChannelSnapshot = {
  kind: 'facebook',
  name: 'Facebook: Acme',
  teamId: 'team-1',
  enabled: true,
  config: { pageId: '1001', apiBaseUrl: 'http://sim' },
  secrets: { pageAccessToken: 'token-one' },
};

describe('channel audit details', () => {
  it('records what a new channel is and which secrets it was given, never their values', () => {
    const details = createdDetails(base);
    expect(details).toEqual({ kind: 'facebook', name: 'Facebook: Acme', teamId: 'team-1', enabled: true, config: { pageId: '1001', apiBaseUrl: 'http://sim' }, secretsChanged: ['pageAccessToken'] });
    expect(JSON.stringify(details)).not.toContain('token-one');
  });

  it.each([
    ['a new name', { name: 'Acme Care' }, { fields: ['name'], name: { from: 'Facebook: Acme', to: 'Acme Care' } }],
    ['disabling', { enabled: false }, { fields: ['enabled'], enabled: { from: true, to: false } }],
    ['another team', { teamId: null }, { fields: ['teamId'], teamId: { from: 'team-1', to: null } }],
    ['a config field changed', { config: { pageId: '1001', apiBaseUrl: 'http://other' } }, { fields: ['config.apiBaseUrl'], config: { apiBaseUrl: { from: 'http://sim', to: 'http://other' } } }],
    ['a config field removed', { config: { pageId: '1001' } }, { fields: ['config.apiBaseUrl'], config: { apiBaseUrl: { from: 'http://sim', to: null } } }],
    ['a replaced token', { secrets: { pageAccessToken: 'token-two' } }, { fields: [], secretsChanged: ['pageAccessToken'] }],
  ] as const)('records %s', (_what, change, details) => {
    const after = { ...base, ...change } as ChannelSnapshot;
    expect(updatedDetails(base, after)).toEqual(details);
    expect(JSON.stringify(updatedDetails(base, after))).not.toMatch(/token-(one|two)/);
  });

  it('records nothing when nothing changed (the same token sent again included)', () => {
    expect(updatedDetails(base, { ...base, config: { ...base.config }, secrets: { pageAccessToken: 'token-one' } })).toBeNull();
  });

  it('names secrets set, replaced and removed', () => {
    expect(changedSecrets({ a: '1', b: '2' }, { b: '3', c: '4' })).toEqual(['a', 'b', 'c']);
  });

  it('keeps enough of a deleted channel to tell which it was', () => {
    expect(deletedDetails(base)).toEqual({ kind: 'facebook', name: 'Facebook: Acme', teamId: 'team-1' });
  });
});
