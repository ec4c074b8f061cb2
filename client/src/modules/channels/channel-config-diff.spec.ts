import { describe, expect, it } from '@jest/globals';
import { makeChannel } from '../../testing/fixtures';
import { buildChannelCreate, buildChannelUpdate, diffChannelConfig, emptyFormValues, formValuesOf, NO_TEAM } from './channel-config-diff';

const telegram = makeChannel({
  id: 'tg',
  kind: 'telegram',
  name: 'Support bot',
  config: { pollIntervalSeconds: 30, apiBaseUrl: 'http://127.0.0.1:3001' },
  secretFields: ['botToken'],
  teamId: 'care',
});

describe('formValuesOf', () => {
  it('shows visible config as text and leaves every secret empty', () => {
    expect(formValuesOf(telegram)).toEqual({
      kind: 'telegram',
      name: 'Support bot',
      teamId: 'care',
      enabled: true,
      config: { botToken: '', pollIntervalSeconds: '30', apiBaseUrl: 'http://127.0.0.1:3001' },
    });
    expect(formValuesOf({ ...telegram, teamId: null }).teamId).toBe(NO_TEAM);
  });
});

describe('diffChannelConfig', () => {
  const unchanged = formValuesOf(telegram).config;

  it('sends nothing when nothing changed (an empty secret keeps the stored one)', () => {
    expect(diffChannelConfig(telegram, unchanged)).toEqual({ ok: true, config: {} });
  });

  it('sends only the changed fields, numbers as numbers, trimmed', () => {
    expect(diffChannelConfig(telegram, { ...unchanged, pollIntervalSeconds: ' 60 ' })).toEqual({ ok: true, config: { pollIntervalSeconds: 60 } });
    expect(diffChannelConfig(telegram, { ...unchanged, apiBaseUrl: 'http://sim:3001 ' })).toEqual({ ok: true, config: { apiBaseUrl: 'http://sim:3001' } });
  });

  it('replaces a secret when one is typed', () => {
    expect(diffChannelConfig(telegram, { ...unchanged, botToken: ' 123:abc ' })).toEqual({ ok: true, config: { botToken: '123:abc' } });
  });

  it('restores the default when a field that has one is cleared', () => {
    const custom = { ...telegram, config: { pollIntervalSeconds: 90 } };
    expect(diffChannelConfig(custom, { pollIntervalSeconds: '' })).toEqual({ ok: true, config: { pollIntervalSeconds: 30 } });
    expect(diffChannelConfig(telegram, { ...unchanged, pollIntervalSeconds: '' })).toEqual({ ok: true, config: {} });
  });

  it('adds an optional field that was not set', () => {
    const fb = makeChannel({ id: 'fb', kind: 'facebook', config: { pageId: '1' }, secretFields: ['pageAccessToken'] });
    expect(diffChannelConfig(fb, { pageId: '1', apiBaseUrl: 'http://sim' })).toEqual({ ok: true, config: { apiBaseUrl: 'http://sim' } });
    expect(diffChannelConfig(fb, { pageId: '2' })).toEqual({ ok: true, config: { pageId: '2' } });
  });

  it('refuses to empty a required field or to remove an optional one (the server merges)', () => {
    const fb = makeChannel({ id: 'fb', kind: 'facebook', config: { pageId: '1', apiBaseUrl: 'http://sim' } });
    expect(diffChannelConfig(fb, { pageId: ' ', apiBaseUrl: 'http://sim' })).toEqual({ ok: false, error: 'Page ID is required' });
    const removed = diffChannelConfig(fb, { pageId: '1', apiBaseUrl: '' });
    expect(removed.ok).toBe(false);
    expect(!removed.ok && removed.error).toMatch(/^API base URL cannot be removed/);
  });

  it('refuses a poll interval that is not a whole number', () => {
    expect(diffChannelConfig(telegram, { ...unchanged, pollIntervalSeconds: '2.5' })).toEqual({ ok: false, error: 'Poll every (seconds) must be a whole number' });
  });

  it('reads the key of an API channel from its column and sends it along when the config lacks it', () => {
    const demo = makeChannel({ id: 'demo', kind: 'api', key: 'demo', config: {}, secretFields: ['secret'] });
    expect(formValuesOf(demo).config).toEqual({ key: 'demo', secret: '', callbackUrl: '' });
    expect(diffChannelConfig(demo, formValuesOf(demo).config)).toEqual({ ok: true, config: {} });
    expect(diffChannelConfig(demo, { ...formValuesOf(demo).config, callbackUrl: 'https://shop/cb' })).toEqual({ ok: true, config: { callbackUrl: 'https://shop/cb', key: 'demo' } });
    expect(diffChannelConfig(demo, { ...formValuesOf(demo).config, key: 'web' })).toEqual({ ok: true, config: { key: 'web' } });
    const modern = makeChannel({ id: 'm', kind: 'api', key: 'shop', config: { key: 'shop' } });
    expect(diffChannelConfig(modern, { key: 'shop', secret: 'new' })).toEqual({ ok: true, config: { secret: 'new' } });
  });

  it('ignores values of fields the kind does not have', () => {
    expect(diffChannelConfig(telegram, { ...unchanged, pageId: '99' })).toEqual({ ok: true, config: {} });
  });
});

describe('buildChannelCreate', () => {
  it('builds the body from the fields of the chosen kind only', () => {
    const values = { ...emptyFormValues('api', 'care'), name: ' Shop ', config: { key: 'shop', secret: 's3cret', callbackUrl: '', botToken: 'left over from telegram' } };
    expect(buildChannelCreate(values)).toEqual({
      ok: true,
      body: { kind: 'api', name: 'Shop', config: { key: 'shop', secret: 's3cret' }, teamId: 'care', enabled: true },
    });
  });

  it('sends no team as null and parses numbers', () => {
    const values = { ...emptyFormValues('telegram'), name: 'Bot', enabled: false, config: { botToken: 't', pollIntervalSeconds: '15' } };
    expect(buildChannelCreate(values)).toEqual({ ok: true, body: { kind: 'telegram', name: 'Bot', config: { botToken: 't', pollIntervalSeconds: 15 }, teamId: null, enabled: false } });
  });

  it('names the first missing field, secrets included', () => {
    expect(buildChannelCreate({ ...emptyFormValues('api'), config: { key: 'k', secret: 's' } })).toEqual({ ok: false, error: 'Name is required' });
    expect(buildChannelCreate({ ...emptyFormValues('api'), name: 'A', config: { key: 'k' } })).toEqual({ ok: false, error: 'Signing secret is required' });
    expect(buildChannelCreate({ ...emptyFormValues('whatsapp'), name: 'A', config: { accessToken: 't' } })).toEqual({ ok: false, error: 'Phone number ID is required' });
  });
});

describe('buildChannelUpdate', () => {
  it('is null when nothing changed', () => {
    expect(buildChannelUpdate(telegram, formValuesOf(telegram))).toEqual({ ok: true, body: null });
  });

  it('sends name, team and config changes only', () => {
    const values = { ...formValuesOf(telegram), name: 'Bot 2', teamId: NO_TEAM, config: { ...formValuesOf(telegram).config, botToken: 'new' } };
    expect(buildChannelUpdate(telegram, values)).toEqual({ ok: true, body: { name: 'Bot 2', teamId: null, config: { botToken: 'new' } } });
  });

  it('passes on a config problem', () => {
    expect(buildChannelUpdate(telegram, { ...formValuesOf(telegram), name: '  ' })).toEqual({ ok: false, error: 'Name is required' });
  });
});
